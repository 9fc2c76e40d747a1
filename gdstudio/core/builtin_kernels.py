"""The built-in surfaces' value, gradient and Hessian as numpy functions.

Written by scripts/gen_builtin_kernels.py from the derivatives ``compile_formula``
derives with sympy (do not edit; run the script after changing a built-in). Each
function takes the two parameters and the data columns (a mapping, empty when the
surface has no data) and returns a tuple of arrays or numbers;
:class:`gdstudio.core.surfaces.BuiltinFormula` broadcasts them. ``KERNELS[name]`` is
(used columns, value, grad, value_and_grad, hessian).
"""

# ruff: noqa: E501

from collections.abc import Callable, Mapping

import numpy
from numpy.typing import NDArray

Array = NDArray[numpy.float64]
Columns = Mapping[str, Array]
Result = tuple[Array | float, ...]
Kernel = Callable[[Array, Array, Columns], Result]


def _sphere_value(x: Array, y: Array, cols: Columns) -> Result:
    return (x**2 + y**2,)


def _sphere_grad(x: Array, y: Array, cols: Columns) -> Result:
    return (2*x, 2*y,)


def _sphere_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    return (x**2 + y**2, 2*x, 2*y,)


def _sphere_hessian(x: Array, y: Array, cols: Columns) -> Result:
    return (2, 0, 2,)


def _rosenbrock_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x**2
    _t1 = -_t0 + y
    return (100*_t1**2 + (1 - x)**2,)


def _rosenbrock_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x**2
    _t1 = -_t0 + y
    return (-400*_t1*x + 2*x - 2, -200*_t0 + 200*y,)


def _rosenbrock_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x**2
    _t1 = -_t0 + y
    return (100*_t1**2 + (1 - x)**2, -400*_t1*x + 2*x - 2, -200*_t0 + 200*y,)


def _rosenbrock_hessian(x: Array, y: Array, cols: Columns) -> Result:
    return (1200*x**2 - 400*y + 2, -400*x, 200,)


def _himmelblau_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = y**2
    _t1 = _t0 + x - 7
    _t2 = x**2
    _t3 = _t2 + y - 11
    return (_t1**2 + _t3**2,)


def _himmelblau_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = y**2
    _t1 = _t0 + x - 7
    _t2 = x**2
    _t3 = _t2 + y - 11
    return (2*_t0 + 4*_t3*x + 2*x - 14, 4*_t1*y + 2*_t2 + 2*y - 22,)


def _himmelblau_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = y**2
    _t1 = _t0 + x - 7
    _t2 = x**2
    _t3 = _t2 + y - 11
    return (_t1**2 + _t3**2, 2*_t0 + 4*_t3*x + 2*x - 14, 4*_t1*y + 2*_t2 + 2*y - 22,)


def _himmelblau_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 4*y
    _t1 = 4*x
    return (_t0 + 12*x**2 - 42, _t0 + _t1, _t1 + 12*y**2 - 26,)


def _beale_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = -x
    _t1 = x*y
    _t2 = _t0 + _t1 + 1.5
    _t3 = y**2
    _t4 = _t3*x
    _t5 = _t0 + _t4 + 2.25
    _t6 = y**3
    _t7 = _t0 + _t6*x + 2.625
    return (_t2**2 + _t5**2 + _t7**2,)


def _beale_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = -x
    _t1 = x*y
    _t2 = _t0 + _t1 + 1.5
    _t3 = y**2
    _t4 = _t3*x
    _t5 = _t0 + _t4 + 2.25
    _t6 = y**3
    _t7 = _t0 + _t6*x + 2.625
    return (_t2*(2*y - 2) + _t5*(2*_t3 - 2) + _t7*(2*_t6 - 2), 4*_t1*_t5 + 2*_t2*x + 6*_t4*_t7,)


def _beale_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = -x
    _t1 = x*y
    _t2 = _t0 + _t1 + 1.5
    _t3 = y**2
    _t4 = _t3*x
    _t5 = _t0 + _t4 + 2.25
    _t6 = y**3
    _t7 = _t0 + _t6*x + 2.625
    return (_t2**2 + _t5**2 + _t7**2, _t2*(2*y - 2) + _t5*(2*_t3 - 2) + _t7*(2*_t6 - 2), 4*_t1*_t5 + 2*_t2*x + 6*_t4*_t7,)


def _beale_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 2*y
    _t1 = _t0 - 2
    _t2 = y**2
    _t3 = 2*_t2 - 2
    _t4 = y**3
    _t5 = 2*_t4 - 2
    _t6 = _t0*x
    _t7 = -x
    _t8 = _t2*x
    _t9 = 4*_t7 + 4*_t8 + 9.0
    _t10 = _t4*x + _t7 + 2.625
    _t11 = x**2
    return (_t1*(y - 1) + _t3*(_t2 - 1) + _t5*(_t4 - 1), _t1*x + 6*_t10*_t2 + _t3*_t6 + 3*_t5*_t8 + _t6 + _t9*y - 2*x + 3.0, 12*_t10*x*y + 8*_t11*_t2 + 18*_t11*y**4 + 2*_t11 + _t9*x,)


def _booth_value(x: Array, y: Array, cols: Columns) -> Result:
    return ((x + 2*y - 7)**2 + (2*x + y - 5)**2,)


def _booth_grad(x: Array, y: Array, cols: Columns) -> Result:
    return (10*x + 8*y - 34, 8*x + 10*y - 38,)


def _booth_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    return ((x + 2*y - 7)**2 + (2*x + y - 5)**2, 10*x + 8*y - 34, 8*x + 10*y - 38,)


def _booth_hessian(x: Array, y: Array, cols: Columns) -> Result:
    return (10, 8, 10,)


def _rastrigin_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 2*x
    _t1 = numpy.pi*_t0
    _t2 = 2*y
    _t3 = numpy.pi*_t2
    return (x**2 + y**2 - 10*numpy.cos(_t1) - 10*numpy.cos(_t3) + 20,)


def _rastrigin_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 2*x
    _t1 = numpy.pi*_t0
    _t2 = 2*y
    _t3 = numpy.pi*_t2
    _t4 = 20*numpy.pi
    return (_t0 + _t4*numpy.sin(_t1), _t2 + _t4*numpy.sin(_t3),)


def _rastrigin_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 2*x
    _t1 = numpy.pi*_t0
    _t2 = 2*y
    _t3 = numpy.pi*_t2
    _t4 = 20*numpy.pi
    return (x**2 + y**2 - 10*numpy.cos(_t1) - 10*numpy.cos(_t3) + 20, _t0 + _t4*numpy.sin(_t1), _t2 + _t4*numpy.sin(_t3),)


def _rastrigin_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 2*numpy.pi
    _t1 = 40*numpy.pi**2
    return (_t1*numpy.cos(_t0*x) + 2, 0, _t1*numpy.cos(_t0*y) + 2,)


def _ackley_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 2*numpy.pi
    _t1 = _t0*x
    _t2 = _t0*y
    _t3 = numpy.exp(0.5*numpy.cos(_t1) + 0.5*numpy.cos(_t2))
    _t4 = numpy.sqrt(0.5*x**2 + 0.5*y**2)
    _t5 = numpy.exp(-0.2*_t4)
    return (-_t3 - 20*_t5 + numpy.e + 20,)


def _ackley_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 2*numpy.pi
    _t1 = _t0*x
    _t2 = _t0*y
    _t3 = numpy.exp(0.5*numpy.cos(_t1) + 0.5*numpy.cos(_t2))
    _t4 = numpy.sqrt(0.5*x**2 + 0.5*y**2)
    _t5 = numpy.exp(-0.2*_t4)
    _t6 = 1.0*numpy.pi*_t3
    _t7 = 2.0*_t5/_t4
    return (_t6*numpy.sin(_t1) + _t7*x, _t6*numpy.sin(_t2) + _t7*y,)


def _ackley_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 2*numpy.pi
    _t1 = _t0*x
    _t2 = _t0*y
    _t3 = numpy.exp(0.5*numpy.cos(_t1) + 0.5*numpy.cos(_t2))
    _t4 = numpy.sqrt(0.5*x**2 + 0.5*y**2)
    _t5 = numpy.exp(-0.2*_t4)
    _t6 = 1.0*numpy.pi*_t3
    _t7 = 2.0*_t5/_t4
    return (-_t3 - 20*_t5 + numpy.e + 20, _t6*numpy.sin(_t1) + _t7*x, _t6*numpy.sin(_t2) + _t7*y,)


def _ackley_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = numpy.pi**2
    _t1 = 2*numpy.pi
    _t2 = _t1*x
    _t3 = numpy.cos(_t2)
    _t4 = _t1*y
    _t5 = numpy.cos(_t4)
    _t6 = numpy.exp(0.5*_t3 + 0.5*_t5)
    _t7 = numpy.sin(_t2)
    _t8 = 1.0*_t0*_t6
    _t9 = x**2
    _t10 = y**2
    _t11 = 0.5*_t10 + 0.5*_t9
    _t12 = numpy.sqrt(_t11)
    _t13 = numpy.exp(-0.2*_t12)
    _t14 = -2.0*_t13/_t12
    _t15 = _t13*_t9
    _t16 = 1.0/_t11**(3/2)
    _t17 = 0.2/_t11
    _t18 = numpy.sin(_t4)
    _t19 = _t13*x*y
    _t20 = _t10*_t13
    return (2.0*_t0*_t3*_t6 - _t14 - _t15*_t16 - _t15*_t17 - _t7**2*_t8, -_t16*_t19 - _t17*_t19 - _t18*_t7*_t8, 2.0*_t0*_t5*_t6 - _t14 - _t16*_t20 - _t17*_t20 - _t18**2*_t8,)


def _goldstein_price_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = (x + y + 1)**2
    _t1 = 6*x
    _t2 = x**2
    _t3 = y**2
    _t4 = _t1*y + 3*_t2 + 3*_t3 - 14*x - 14*y + 19
    _t5 = _t0*_t4 + 1
    _t6 = 2*x
    _t7 = (_t6 - 3*y)**2
    _t8 = 36*y
    _t9 = 12*_t2 + 27*_t3 - _t8*x - 32*x + 48*y + 18
    _t10 = _t7*_t9 + 30
    return (_t10*_t5,)


def _goldstein_price_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = (x + y + 1)**2
    _t1 = 6*x
    _t2 = x**2
    _t3 = y**2
    _t4 = _t1*y + 3*_t2 + 3*_t3 - 14*x - 14*y + 19
    _t5 = _t0*_t4 + 1
    _t6 = 2*x
    _t7 = (_t6 - 3*y)**2
    _t8 = 36*y
    _t9 = 12*_t2 + 27*_t3 - _t8*x - 32*x + 48*y + 18
    _t10 = _t7*_t9 + 30
    _t11 = _t10*(_t0*(_t1 + 6*y - 14) + _t4*(_t6 + 2*y + 2))
    return (_t11 + _t5*(_t7*(-_t8 + 24*x - 32) + _t9*(8*x - 12*y)), _t11 + _t5*(_t7*(-36*x + 54*y + 48) + _t9*(-12*x + 18*y)),)


def _goldstein_price_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = (x + y + 1)**2
    _t1 = 6*x
    _t2 = x**2
    _t3 = y**2
    _t4 = _t1*y + 3*_t2 + 3*_t3 - 14*x - 14*y + 19
    _t5 = _t0*_t4 + 1
    _t6 = 2*x
    _t7 = (_t6 - 3*y)**2
    _t8 = 36*y
    _t9 = 12*_t2 + 27*_t3 - _t8*x - 32*x + 48*y + 18
    _t10 = _t7*_t9 + 30
    _t11 = _t10*(_t0*(_t1 + 6*y - 14) + _t4*(_t6 + 2*y + 2))
    return (_t10*_t5, _t11 + _t5*(_t7*(-_t8 + 24*x - 32) + _t9*(8*x - 12*y)), _t11 + _t5*(_t7*(-36*x + 54*y + 48) + _t9*(-12*x + 18*y)),)


def _goldstein_price_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = (x + y + 1)**2
    _t1 = 6*x
    _t2 = x**2
    _t3 = y**2
    _t4 = _t1*y + 3*_t2 + 3*_t3 - 14*x - 14*y + 19
    _t5 = _t0*_t4 + 1
    _t6 = x*y
    _t7 = 2*x
    _t8 = (_t7 - 3*y)**2
    _t9 = 12*y
    _t10 = -_t9 + 8*x
    _t11 = 36*y
    _t12 = -_t11 + 24*x - 32
    _t13 = -_t11*x + 12*_t2 + 27*_t3 - 32*x + 48*y + 18
    _t14 = _t7 + 2*y + 2
    _t15 = _t1 + 6*y - 14
    _t16 = (_t13*_t8 + 30)*(6*_t0 + 2*_t14*_t15 + 6*_t2 + 6*_t3 + _t9*x - 28*x - 28*y + 38)
    _t17 = _t0*_t15 + _t14*_t4
    _t18 = _t17*(_t10*_t13 + _t12*_t8)
    _t19 = -36*x + 54*y + 48
    _t20 = -12*x + 18*y
    _t21 = _t17*(_t13*_t20 + _t19*_t8)
    return (_t16 + 2*_t18 + _t5*(2*_t10*_t12 + 96*_t2 + 216*_t3 - 288*_t6 + 24*_t8 - 256*x + 384*y + 144), _t16 + _t18 + _t21 + _t5*(_t10*_t19 + _t12*_t20 - 144*_t2 - 324*_t3 - 36*_t8 + 432*x*y + 384*x - 576*y - 216), _t16 + 2*_t21 + _t5*(2*_t19*_t20 + 216*_t2 + 486*_t3 - 648*_t6 + 54*_t8 - 576*x + 864*y + 324),)


def _six_hump_camel_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = y**2
    _t1 = 4*_t0 - 4
    _t2 = x**2
    _t3 = -2.1*_t2 + (1/3)*x**4 + 4
    return (_t0*_t1 + _t2*_t3 + x*y,)


def _six_hump_camel_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = y**2
    _t1 = 4*_t0 - 4
    _t2 = x**2
    _t3 = -2.1*_t2 + (1/3)*x**4 + 4
    return (_t2*((4/3)*x**3 - 4.2*x) + 2*_t3*x + y, 2*_t1*y + x + 8*y**3,)


def _six_hump_camel_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = y**2
    _t1 = 4*_t0 - 4
    _t2 = x**2
    _t3 = -2.1*_t2 + (1/3)*x**4 + 4
    return (_t0*_t1 + _t2*_t3 + x*y, _t2*((4/3)*x**3 - 4.2*x) + 2*_t3*x + y, 2*_t1*y + x + 8*y**3,)


def _six_hump_camel_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x**2
    return (_t0*(4*_t0 - 4.2) - 4.2*_t0 + (2/3)*x**4 + 4*x*((4/3)*x**3 - 4.2*x) + 8, 1, 48*y**2 - 8,)


def _three_hump_camel_value(x: Array, y: Array, cols: Columns) -> Result:
    return ((1/6)*x**6 - 1.05*x**4 + 2*x**2 + x*y + y**2,)


def _three_hump_camel_grad(x: Array, y: Array, cols: Columns) -> Result:
    return (x**5 - 4.2*x**3 + 4*x + y, x + 2*y,)


def _three_hump_camel_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    return ((1/6)*x**6 - 1.05*x**4 + 2*x**2 + x*y + y**2, x**5 - 4.2*x**3 + 4*x + y, x + 2*y,)


def _three_hump_camel_hessian(x: Array, y: Array, cols: Columns) -> Result:
    return (5*x**4 - 12.6*x**2 + 4, 1, 2,)


def _matyas_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 0.48*y
    return (-_t0*x + 0.26*x**2 + 0.26*y**2,)


def _matyas_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 0.48*y
    return (-_t0 + 0.52*x, -0.48*x + 0.52*y,)


def _matyas_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 0.48*y
    return (-_t0*x + 0.26*x**2 + 0.26*y**2, -_t0 + 0.52*x, -0.48*x + 0.52*y,)


def _matyas_hessian(x: Array, y: Array, cols: Columns) -> Result:
    return (0.520000000000000, -0.480000000000000, 0.520000000000000,)


def _levi13_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 3*numpy.pi
    _t1 = _t0*x
    _t2 = numpy.sin(_t1)
    _t3 = (x - 1)**2
    _t4 = _t0*y
    _t5 = numpy.sin(_t4)
    _t6 = _t5**2 + 1
    _t7 = (y - 1)**2
    _t8 = 2*y
    _t9 = numpy.pi*_t8
    _t10 = numpy.sin(_t9)
    _t11 = _t10**2 + 1
    return (_t11*_t7 + _t2**2 + _t3*_t6,)


def _levi13_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 3*numpy.pi
    _t1 = _t0*x
    _t2 = numpy.sin(_t1)
    _t3 = (x - 1)**2
    _t4 = _t0*y
    _t5 = numpy.sin(_t4)
    _t6 = _t5**2 + 1
    _t7 = (y - 1)**2
    _t8 = 2*y
    _t9 = numpy.pi*_t8
    _t10 = numpy.sin(_t9)
    _t11 = _t10**2 + 1
    _t12 = 6*numpy.pi
    return (_t12*_t2*numpy.cos(_t1) + _t6*(2*x - 2), 4*numpy.pi*_t10*_t7*numpy.cos(_t9) + _t11*(_t8 - 2) + _t12*_t3*_t5*numpy.cos(_t4),)


def _levi13_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 3*numpy.pi
    _t1 = _t0*x
    _t2 = numpy.sin(_t1)
    _t3 = (x - 1)**2
    _t4 = _t0*y
    _t5 = numpy.sin(_t4)
    _t6 = _t5**2 + 1
    _t7 = (y - 1)**2
    _t8 = 2*y
    _t9 = numpy.pi*_t8
    _t10 = numpy.sin(_t9)
    _t11 = _t10**2 + 1
    _t12 = 6*numpy.pi
    return (_t11*_t7 + _t2**2 + _t3*_t6, _t12*_t2*numpy.cos(_t1) + _t6*(2*x - 2), 4*numpy.pi*_t10*_t7*numpy.cos(_t9) + _t11*(_t8 - 2) + _t12*_t3*_t5*numpy.cos(_t4),)


def _levi13_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 3*numpy.pi
    _t1 = _t0*y
    _t2 = numpy.sin(_t1)
    _t3 = _t2**2
    _t4 = _t0*x
    _t5 = numpy.pi**2
    _t6 = 18*_t5
    _t7 = numpy.cos(_t1)
    _t8 = 2*y
    _t9 = numpy.pi*_t8
    _t10 = numpy.sin(_t9)
    _t11 = _t10**2
    _t12 = _t6*(x - 1)**2
    _t13 = 8*_t5*(y - 1)**2
    _t14 = numpy.cos(_t9)
    return (2*_t3 - _t6*numpy.sin(_t4)**2 + _t6*numpy.cos(_t4)**2 + 2, 6*numpy.pi*_t2*_t7*(2*x - 2), 8*numpy.pi*_t10*_t14*(_t8 - 2) - _t11*_t13 + 2*_t11 - _t12*_t3 + _t12*_t7**2 + _t13*_t14**2 + 2,)


def _styblinski_tang_value(x: Array, y: Array, cols: Columns) -> Result:
    return ((1/2)*x**4 - 8*x**2 + (5/2)*x + (1/2)*y**4 - 8*y**2 + (5/2)*y,)


def _styblinski_tang_grad(x: Array, y: Array, cols: Columns) -> Result:
    return (2*x**3 - 16*x + 5/2, 2*y**3 - 16*y + 5/2,)


def _styblinski_tang_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    return ((1/2)*x**4 - 8*x**2 + (5/2)*x + (1/2)*y**4 - 8*y**2 + (5/2)*y, 2*x**3 - 16*x + 5/2, 2*y**3 - 16*y + 5/2,)


def _styblinski_tang_hessian(x: Array, y: Array, cols: Columns) -> Result:
    return (6*x**2 - 16, 0, 6*y**2 - 16,)


def _mccormick_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x + y
    return (-1.5*x + 2.5*y + (x - y)**2 + numpy.sin(_t0) + 1,)


def _mccormick_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x + y
    _t1 = 2*x
    _t2 = 2*y
    _t3 = numpy.cos(_t0)
    return (_t1 - _t2 + _t3 - 1.5, -_t1 + _t2 + _t3 + 2.5,)


def _mccormick_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x + y
    _t1 = 2*x
    _t2 = 2*y
    _t3 = numpy.cos(_t0)
    return (-1.5*x + 2.5*y + (x - y)**2 + numpy.sin(_t0) + 1, _t1 - _t2 + _t3 - 1.5, -_t1 + _t2 + _t3 + 2.5,)


def _mccormick_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = numpy.sin(x + y)
    _t1 = 2 - _t0
    return (_t1, -_t0 - 2, _t1,)


def _easom_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = numpy.cos(x)
    _t1 = numpy.cos(y)
    _t2 = -numpy.pi
    _t3 = numpy.exp(-(_t2 + x)**2 - (_t2 + y)**2)
    _t4 = _t0*_t1*_t3
    return (-_t4,)


def _easom_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = numpy.cos(x)
    _t1 = numpy.cos(y)
    _t2 = -numpy.pi
    _t3 = numpy.exp(-(_t2 + x)**2 - (_t2 + y)**2)
    _t4 = _t0*_t1*_t3
    _t5 = -2*numpy.pi
    return (_t1*_t3*numpy.sin(x) - _t4*(-_t5 - 2*x), _t0*_t3*numpy.sin(y) - _t4*(-_t5 - 2*y),)


def _easom_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = numpy.cos(x)
    _t1 = numpy.cos(y)
    _t2 = -numpy.pi
    _t3 = numpy.exp(-(_t2 + x)**2 - (_t2 + y)**2)
    _t4 = _t0*_t1*_t3
    _t5 = -2*numpy.pi
    return (-_t4, _t1*_t3*numpy.sin(x) - _t4*(-_t5 - 2*x), _t0*_t3*numpy.sin(y) - _t4*(-_t5 - 2*y),)


def _easom_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = numpy.cos(x)
    _t1 = -numpy.pi
    _t2 = numpy.exp(-(_t1 + x)**2 - (_t1 + y)**2)
    _t3 = numpy.cos(y)
    _t4 = _t2*_t3
    _t5 = _t0*_t4
    _t6 = 3*_t5
    _t7 = -2*numpy.pi
    _t8 = -_t7 - 2*x
    _t9 = numpy.sin(x)
    _t10 = numpy.sin(y)
    _t11 = _t10*_t2
    _t12 = -_t7 - 2*y
    return (2*_t4*_t8*_t9 - _t5*_t8**2 + _t6, _t0*_t10*_t2*_t8 - _t11*_t9 + _t12*_t2*_t3*_t9 - _t12*_t5*_t8, 2*_t0*_t11*_t12 - _t12**2*_t5 + _t6,)


def _ravine_value(x: Array, y: Array, cols: Columns) -> Result:
    return (0.5*x**2 + 25*y**2,)


def _ravine_grad(x: Array, y: Array, cols: Columns) -> Result:
    return (1.0*x, 50*y,)


def _ravine_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    return (0.5*x**2 + 25*y**2, 1.0*x, 50*y,)


def _ravine_hessian(x: Array, y: Array, cols: Columns) -> Result:
    return (1.00000000000000, 0, 50,)


def _saddle_value(x: Array, y: Array, cols: Columns) -> Result:
    return (x**2 - y**2,)


def _saddle_grad(x: Array, y: Array, cols: Columns) -> Result:
    return (2*x, -2*y,)


def _saddle_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    return (x**2 - y**2, 2*x, -2*y,)


def _saddle_hessian(x: Array, y: Array, cols: Columns) -> Result:
    return (2, 0, -2,)


def _monkey_saddle_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 3*y**2
    return (-_t0*x + x**3,)


def _monkey_saddle_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 3*y**2
    return (-_t0 + 3*x**2, -6*x*y,)


def _monkey_saddle_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 3*y**2
    return (-_t0*x + x**3, -_t0 + 3*x**2, -6*x*y,)


def _monkey_saddle_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = 6*x
    return (_t0, -6*y, -_t0,)


def _local_global_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x - 2
    _t1 = y - 1
    _t2 = 2*numpy.exp(-1/2*_t0**2 - 1/2*_t1**2)
    _t3 = numpy.exp(-(x + 2)**2 - (y + 1)**2)
    return (-_t2 - _t3 + 0.05*x**2 + 0.05*y**2,)


def _local_global_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x - 2
    _t1 = y - 1
    _t2 = 2*numpy.exp(-1/2*_t0**2 - 1/2*_t1**2)
    _t3 = numpy.exp(-(x + 2)**2 - (y + 1)**2)
    return (_t0*_t2 - _t3*(-2*x - 4) + 0.1*x, _t1*_t2 - _t3*(-2*y - 2) + 0.1*y,)


def _local_global_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = x - 2
    _t1 = y - 1
    _t2 = 2*numpy.exp(-1/2*_t0**2 - 1/2*_t1**2)
    _t3 = numpy.exp(-(x + 2)**2 - (y + 1)**2)
    return (-_t2 - _t3 + 0.05*x**2 + 0.05*y**2, _t0*_t2 - _t3*(-2*x - 4) + 0.1*x, _t1*_t2 - _t3*(-2*y - 2) + 0.1*y,)


def _local_global_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = -2*x - 4
    _t1 = numpy.exp(-(x + 2)**2 - (y + 1)**2)
    _t2 = x - 2
    _t3 = -_t2
    _t4 = y - 1
    _t5 = 2*numpy.exp(-1/2*_t2**2 - 1/2*_t4**2)
    _t6 = 2*_t1 + _t5 + 0.1
    _t7 = -2*y - 2
    _t8 = -_t4
    return (-_t0**2*_t1 - _t3**2*_t5 + _t6, -_t0*_t1*_t7 - _t3*_t5*_t8, -_t1*_t7**2 - _t5*_t8**2 + _t6,)


def _flat_sharp_value(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = y**2
    _t1 = numpy.exp(-5.55555555555556*_t0 - 5.55555555555556*(x - 2)**2)
    _t2 = 1.1*_t1
    _t3 = numpy.exp(-1/4*_t0 - 1/4*(x + 2)**2)
    return (0.02*_t0 - _t2 - _t3 + 0.02*x**2,)


def _flat_sharp_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = y**2
    _t1 = numpy.exp(-5.55555555555556*_t0 - 5.55555555555556*(x - 2)**2)
    _t2 = 1.1*_t1
    _t3 = numpy.exp(-1/4*_t0 - 1/4*(x + 2)**2)
    return (-_t2*(22.2222222222222 - 11.1111111111111*x) - _t3*(-1/2*x - 1) + 0.04*x, 12.2222222222222*_t1*y + (1/2)*_t3*y + 0.04*y,)


def _flat_sharp_value_and_grad(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = y**2
    _t1 = numpy.exp(-5.55555555555556*_t0 - 5.55555555555556*(x - 2)**2)
    _t2 = 1.1*_t1
    _t3 = numpy.exp(-1/4*_t0 - 1/4*(x + 2)**2)
    return (0.02*_t0 - _t2 - _t3 + 0.02*x**2, -_t2*(22.2222222222222 - 11.1111111111111*x) - _t3*(-1/2*x - 1) + 0.04*x, 12.2222222222222*_t1*y + (1/2)*_t3*y + 0.04*y,)


def _flat_sharp_hessian(x: Array, y: Array, cols: Columns) -> Result:
    _t0 = -1/2*x - 1
    _t1 = y**2
    _t2 = (1/4)*_t1
    _t3 = numpy.exp(-_t2 - 1/4*(x + 2)**2)
    _t4 = 22.2222222222222 - 11.1111111111111*x
    _t5 = numpy.exp(-5.55555555555556*_t1 - 5.55555555555556*(x - 2)**2)
    _t6 = (1/2)*_t3
    _t7 = 12.2222222222222*_t5
    _t8 = _t6 + _t7 + 0.04
    return (-_t0**2*_t3 - 1.1*_t4**2*_t5 + _t8, _t0*_t6*y + _t4*_t7*y, -135.802469135802*_t1*_t5 - _t2*_t3 + _t8,)


def _linear_regression_value(w: Array, b: Array, cols: Columns) -> Result:
    x = cols['x']
    y = cols['y']
    _t0 = w*x
    _t1 = _t0 + b - y
    return (_t1**2,)


def _linear_regression_grad(w: Array, b: Array, cols: Columns) -> Result:
    x = cols['x']
    y = cols['y']
    _t0 = w*x
    _t1 = _t0 + b - y
    return (2*_t1*x, 2*_t0 + 2*b - 2*y,)


def _linear_regression_value_and_grad(w: Array, b: Array, cols: Columns) -> Result:
    x = cols['x']
    y = cols['y']
    _t0 = w*x
    _t1 = _t0 + b - y
    return (_t1**2, 2*_t1*x, 2*_t0 + 2*b - 2*y,)


def _linear_regression_hessian(w: Array, b: Array, cols: Columns) -> Result:
    x = cols['x']
    return (2*x**2, 2*x, 2,)


def _logistic_regression_value(w1: Array, w2: Array, cols: Columns) -> Result:
    x1 = cols['x1']
    x2 = cols['x2']
    label = cols['label']
    _t0 = 1 - 2*label
    _t1 = numpy.exp(_t0*(w1*x1 + w2*x2))
    _t2 = _t1 + 1
    return (numpy.log(_t2),)


def _logistic_regression_grad(w1: Array, w2: Array, cols: Columns) -> Result:
    x1 = cols['x1']
    x2 = cols['x2']
    label = cols['label']
    _t0 = 1 - 2*label
    _t1 = numpy.exp(_t0*(w1*x1 + w2*x2))
    _t2 = _t1 + 1
    _t3 = _t0*_t1/_t2
    return (_t3*x1, _t3*x2,)


def _logistic_regression_value_and_grad(w1: Array, w2: Array, cols: Columns) -> Result:
    x1 = cols['x1']
    x2 = cols['x2']
    label = cols['label']
    _t0 = 1 - 2*label
    _t1 = numpy.exp(_t0*(w1*x1 + w2*x2))
    _t2 = _t1 + 1
    _t3 = _t0*_t1/_t2
    return (numpy.log(_t2), _t3*x1, _t3*x2,)


def _logistic_regression_hessian(w1: Array, w2: Array, cols: Columns) -> Result:
    x1 = cols['x1']
    x2 = cols['x2']
    label = cols['label']
    _t0 = 1 - 2*label
    _t1 = _t0**2
    _t2 = _t1*x1**2
    _t3 = _t0*(w1*x1 + w2*x2)
    _t4 = numpy.exp(_t3)
    _t5 = _t4 + 1
    _t6 = _t4/_t5
    _t7 = numpy.exp(2*_t3)/_t5**2
    _t8 = _t1*x1*x2
    _t9 = _t1*x2**2
    return (_t2*_t6 - _t2*_t7, _t6*_t8 - _t7*_t8, _t6*_t9 - _t7*_t9,)


KERNELS: dict[str, tuple[tuple[str, ...], Kernel, Kernel, Kernel, Kernel]] = {
    'sphere': ((), _sphere_value, _sphere_grad, _sphere_value_and_grad, _sphere_hessian),
    'rosenbrock': ((), _rosenbrock_value, _rosenbrock_grad, _rosenbrock_value_and_grad, _rosenbrock_hessian),
    'himmelblau': ((), _himmelblau_value, _himmelblau_grad, _himmelblau_value_and_grad, _himmelblau_hessian),
    'beale': ((), _beale_value, _beale_grad, _beale_value_and_grad, _beale_hessian),
    'booth': ((), _booth_value, _booth_grad, _booth_value_and_grad, _booth_hessian),
    'rastrigin': ((), _rastrigin_value, _rastrigin_grad, _rastrigin_value_and_grad, _rastrigin_hessian),
    'ackley': ((), _ackley_value, _ackley_grad, _ackley_value_and_grad, _ackley_hessian),
    'goldstein_price': ((), _goldstein_price_value, _goldstein_price_grad, _goldstein_price_value_and_grad, _goldstein_price_hessian),
    'six_hump_camel': ((), _six_hump_camel_value, _six_hump_camel_grad, _six_hump_camel_value_and_grad, _six_hump_camel_hessian),
    'three_hump_camel': ((), _three_hump_camel_value, _three_hump_camel_grad, _three_hump_camel_value_and_grad, _three_hump_camel_hessian),
    'matyas': ((), _matyas_value, _matyas_grad, _matyas_value_and_grad, _matyas_hessian),
    'levi13': ((), _levi13_value, _levi13_grad, _levi13_value_and_grad, _levi13_hessian),
    'styblinski_tang': ((), _styblinski_tang_value, _styblinski_tang_grad, _styblinski_tang_value_and_grad, _styblinski_tang_hessian),
    'mccormick': ((), _mccormick_value, _mccormick_grad, _mccormick_value_and_grad, _mccormick_hessian),
    'easom': ((), _easom_value, _easom_grad, _easom_value_and_grad, _easom_hessian),
    'ravine': ((), _ravine_value, _ravine_grad, _ravine_value_and_grad, _ravine_hessian),
    'saddle': ((), _saddle_value, _saddle_grad, _saddle_value_and_grad, _saddle_hessian),
    'monkey_saddle': ((), _monkey_saddle_value, _monkey_saddle_grad, _monkey_saddle_value_and_grad, _monkey_saddle_hessian),
    'local_global': ((), _local_global_value, _local_global_grad, _local_global_value_and_grad, _local_global_hessian),
    'flat_sharp': ((), _flat_sharp_value, _flat_sharp_grad, _flat_sharp_value_and_grad, _flat_sharp_hessian),
    'linear_regression': (('x', 'y'), _linear_regression_value, _linear_regression_grad, _linear_regression_value_and_grad, _linear_regression_hessian),
    'logistic_regression': (('x1', 'x2', 'label'), _logistic_regression_value, _logistic_regression_grad, _logistic_regression_value_and_grad, _logistic_regression_hessian),
}
