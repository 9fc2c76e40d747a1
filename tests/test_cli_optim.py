"""`gdstudio check` on bad values of rprop, asgd, adafactor, newton and [run.clip]."""

import subprocess
import sys

SCENE = """
title = "bad values"
[surface]
builtin = "rosenbrock"
[[run]]
label = "R"
optimizer = "rprop"
start = [0, 0]
etas = [1.2, 0.5]
step_sizes = [1e-6]
[[run]]
label = "A"
optimizer = "asgd"
start = [0, 0]
lr = -0.1
weight_decay = -1
lamda = 0.1
[[run]]
label = "F"
optimizer = "adafactor"
start = [0, 0]
beta2_decay = 0.5
eps = [-1e-30, 1e-3]
d = 0.5
[[run]]
label = "N"
optimizer = "newton"
start = [0, 0]
damping = -1
clip = { norm = -2, norm_type = "two" }
[[run]]
label = "C"
optimizer = "sgd"
start = [0, 0]
clip = { norm = 1, value = 1 }
[[run]]
label = "V"
optimizer = "sgd"
start = [0, 0]
[run.clip]
value = inf
norm_type = 1
max_norm = 1
"""

EXPECTED = [
    "[[run]] 1 (\"R\") 'etas': expected [eta_minus, eta_plus] with 0 < eta_minus < 1 < eta_plus",
    "[[run]] 1 (\"R\") 'step_sizes': expected a pair of numbers [a, b], got [1e-06]",
    "[[run]] 2 (\"A\") 'lamda'",
    "[[run]] 2 (\"A\") 'lr': expected a number >= 0",
    "[[run]] 2 (\"A\") 'weight_decay': expected a number >= 0",
    "[[run]] 3 (\"F\") 'beta2_decay': expected a number <= 0",
    "[[run]] 3 (\"F\") 'eps': expected [eps1, eps2] both >= 0",
    "[[run]] 3 (\"F\") 'd': expected a number >= 1",
    "[[run]] 4 (\"N\") 'damping': expected a number >= 0",
    "[run.clip] of [[run]] 4 (\"N\") 'norm': expected a finite number >= 0, got -2",
    "[run.clip] of [[run]] 4 (\"N\") 'norm_type': expected a number",
    "[run.clip] of [[run]] 5 (\"C\"): give either norm = MAX (clip_grad_norm_) or value = V",
    "[run.clip] of [[run]] 6 (\"V\") 'max_norm'",
    "[run.clip] of [[run]] 6 (\"V\") 'value': expected a finite number >= 0, got inf",
    "[run.clip] of [[run]] 6 (\"V\") 'norm_type': only used with norm = MAX",
]


def test_check_reports_every_bad_value_with_file_run_and_key(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(SCENE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "gdstudio", "check", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert lines[-1] == f"{len(EXPECTED)} problems found", proc.stderr
    for needle in EXPECTED:
        assert any(line.startswith(f"{path}: ") and needle in line for line in lines), needle


def test_good_scene_with_the_new_keys_runs(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(SCENE.split("[[run]]")[0] + """
[[run]]
optimizer = "adafactor"
start = [-1, 1]
eps = [1e-30, 1e-3]
steps = 5
clip = { norm = 1.0, norm_type = inf }
""", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "gdstudio", "run", str(path), "--format", "csv"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("adafactor,") == 6
