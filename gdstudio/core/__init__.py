"""The numerical core: numpy, sympy and the standard library only, never Qt."""
