"""CSV export: labels a spreadsheet would run as formulas are written as text."""

import csv
import io

from gdstudio.cli import main
from gdstudio.core.export import to_csv
from gdstudio.core.runner import run_scene
from gdstudio.core.scene import load_scene

LABELS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR", "plain",
          "a=b", "-"]


def _scene():
    runs = "".join(f'[[run]]\nlabel = "{label.encode("unicode_escape").decode()}"\n'
                   f'optimizer = "sgd"\nlr = 0.1\nstart = [-1.5, {i}]\n'
                   for i, label in enumerate(LABELS))
    return load_scene('[surface]\nbuiltin = "sphere"\n[defaults]\nsteps = 2\n' + runs)


def test_labels_that_start_a_formula_are_quoted_and_numbers_stay_numbers():
    rows = list(csv.reader(io.StringIO(to_csv(run_scene(_scene())))))
    labels = [r[0] for r in rows[1:] if r[1] == "0"]
    assert labels == ["'=cmd|' /C calc'!A0", "'+1+1", "'-2+3", "'@SUM(A1:A9)", "'\tTAB",
                      "'\rCR", "plain", "a=b", "'-"]
    first = rows[1]
    assert first[2] == "-1.5" and float(first[2]) == -1.5     # a negative number as it is
    assert all(not r[2].startswith("'") for r in rows[1:])


def test_gdstudio_run_writes_the_quoted_labels(tmp_path, capsys):
    scene = tmp_path / "s.toml"
    scene.write_text('[surface]\nbuiltin = "sphere"\n[[run]]\nlabel = "=HYPERLINK(1)"\n'
                     'optimizer = "sgd"\nlr = 0.1\nstart = [-1, -2]\nsteps = 1\n',
                     encoding="utf-8")
    assert main(["run", str(scene)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1:] == ["'=HYPERLINK(1),0,-1.0,-2.0,5.0,",
                                    "'=HYPERLINK(1),1,-0.8,-1.6,3.2000000000000006,0.1"]
