"""The command line (scene-format.md, section 5).

``gdstudio [SCENE]`` opens the window; ``run``, ``tune``, ``surfaces`` and ``check`` are
headless and never import Qt. Exit status: 0 on success, 2 for a bad scene, formula or argument
(one clear message on stderr, no traceback, nothing on stdout), 1 for anything else.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from gdstudio import __version__

COMMANDS = ("run", "tune", "surfaces", "check", "lessons", "lesson", "render")


def _count(minimum: int, maximum: int | None = None):
    """An argparse type: a whole number from ``minimum`` to ``maximum`` (default: the
    most steps a scene may have, since every count here is measured in steps)."""
    def parse(text: str) -> int:
        from gdstudio.core.scene import MAX_STEPS
        from gdstudio.core.values import show

        most = MAX_STEPS if maximum is None else maximum
        shown = text if len(text) <= 24 else text[:21] + "..."
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("expected a whole number, got "
                                             + show(shown)) from None
        if not minimum <= value <= most:
            raise argparse.ArgumentTypeError(f"expected a whole number from {minimum} to "
                                             f"{most:,}, got {shown}")
        return value

    return parse


def _lr_grid(text: str) -> tuple[float, float, int]:
    """An argparse type: ``LO:HI:N`` (:func:`gdstudio.core.race.parse_lrs`)."""
    from gdstudio.core.errors import GdError
    from gdstudio.core.race import parse_lrs

    try:
        return parse_lrs(text)
    except GdError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _loss(text: str) -> float:
    """An argparse type: a finite number."""
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text[:24]!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gdstudio",
        description="Gradient Descent Studio: watch optimizers move over loss surfaces.",
        epilog="Without a command, opens the window (on SCENE if given). "
               "Commands: run, tune, surfaces, check, lessons, lesson, render "
               "(see gdstudio COMMAND --help).",
    )
    p.add_argument("--version", action="version", version=f"gdstudio {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("run", help="run a scene headless and print its trajectories",
                       description="Run every run of a scene headless and write the "
                                   "recorded rows as CSV or JSON.")
    r.add_argument("scene", metavar="SCENE.toml")
    r.add_argument("--steps", type=_count(0), metavar="N", help="override every run's steps")
    r.add_argument("--every", type=_count(1), default=1, metavar="K",
                   help="record row 0, every K-th row and the last row (default 1)")
    r.add_argument("--format", choices=("csv", "json"),
                   help="output format (default: from --output's suffix, else csv)")
    r.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    r.add_argument("--state", action="store_true",
                   help="add the optimizer's state after each step, by torch's names "
                        "(CSV columns state.NAME.x, state.NAME.y; JSON a \"state\" object)")

    t = sub.add_parser("tune", help="tune each run's learning rate for a fair race",
                       description="Sweep each run's learning rate over a log grid under "
                                   "the same budget for every run, print each optimizer's "
                                   "best, and write the tuned scene (a fair race).")
    t.add_argument("scene", metavar="SCENE.toml")
    t.add_argument("--budget", choices=("steps", "evals"), default="steps",
                   help="give every run the same number of steps, or of evaluations "
                        "(loss and gradient; a Newton step costs 2); default steps")
    t.add_argument("--lrs", type=_lr_grid, default=None, metavar="LO:HI:N",
                   help="N learning rates from LO to HI on a log grid (default 1e-4:10:26)")
    t.add_argument("--amount", type=_count(1), metavar="N",
                   help="the budget: N steps or evaluations (default: the longest run's "
                        "steps)")
    t.add_argument("--target", type=_loss, metavar="LOSS",
                   help="best = fewest steps (evaluations) to this loss, instead of the "
                        "lowest final loss")
    t.add_argument("--output", "-o", metavar="FILE", help="write the tuned scene here")

    s = sub.add_parser("surfaces", help="list the built-in surfaces",
                       description="List the built-in surfaces: formula, bounds, known "
                                   "minima and a one-line description.")
    s.add_argument("--json", action="store_true", help="machine-readable output")

    c = sub.add_parser("check", help="validate a scene and list every problem",
                       description="Validate a scene file and print every problem found.")
    c.add_argument("scene", metavar="SCENE.toml")

    ls = sub.add_parser("lessons", help="list the bundled lessons",
                        description="List the bundled lessons in teaching order: id, "
                                    "topic, title and scene file.")
    ls.add_argument("--json", action="store_true", help="machine-readable output")

    le = sub.add_parser("lesson", help="open the window on a bundled lesson",
                        description="Open the window on the lesson ID "
                                    "(`gdstudio lessons` lists them).")
    le.add_argument("id", metavar="ID")
    le.add_argument("--safe-mode", "--software-gl", dest="safe_mode", action="store_true",
                    help="use software OpenGL (for machines whose OpenGL is broken)")

    rd = sub.add_parser("render", help="write a picture or video of a scene, no window",
                        description="Render a scene to PNG (its last step), GIF or MP4 "
                                    "without showing a window.")
    rd.add_argument("scene", metavar="SCENE.toml")
    rd.add_argument("--output", "-o", metavar="FILE", required=True,
                    help="run.mp4, run.gif or frame.png")
    rd.add_argument("--size", default="960x540", metavar="WxH", help="default 960x540")
    rd.add_argument("--fps", type=_count(1, 1000), default=30, metavar="N", help="default 30")
    rd.add_argument("--view", choices=("contour", "3d"), default="contour",
                    help="the 3D view needs a display (DISPLAY); default contour")
    rd.add_argument("--steps", type=_count(0), metavar="N", help="override every run's steps")
    rd.add_argument("--frames", type=_count(1), metavar="N",
                    help="frames in a video (default: every step, at most 300)")
    return p


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gdstudio",
        usage="gdstudio [SCENE.toml] [--safe-mode] [--selftest]\n"
              "       gdstudio {run,surfaces,check,lessons,lesson} ...",
        description="Gradient Descent Studio: watch optimizers move over loss surfaces.",
        epilog="Headless commands: gdstudio run SCENE.toml, gdstudio surfaces, "
               "gdstudio check SCENE.toml, gdstudio lessons "
               "(see gdstudio COMMAND --help).",
    )
    p.add_argument("--version", action="version", version=f"gdstudio {__version__}")
    p.add_argument("scene", nargs="?", metavar="SCENE.toml", help="open this scene")
    p.add_argument("--safe-mode", "--software-gl", dest="safe_mode", action="store_true",
                   help="use software OpenGL (for machines whose OpenGL is broken)")
    p.add_argument("--selftest", action="store_true",
                   help="check OpenGL, a 3D frame, formulas, scenes and video export; "
                        "exit 0 if all is well")
    return p


def main(argv: list[str] | None = None) -> int:
    from gdstudio.core.malloc import tune_malloc

    tune_malloc()
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = _parser().parse_args(argv)
            return _COMMANDS[args.command](args)
        if argv and argv[0] in ("-h", "--help"):
            _parser().print_help()
            return 0
        args = _gui_parser().parse_args(argv)
        return _gui(args)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:
        from gdstudio.core.errors import GdError

        if isinstance(e, GdError):
            print(f"gdstudio: {e}", file=sys.stderr)
            return 2
        if os.environ.get("GDSTUDIO_DEBUG"):
            import traceback

            traceback.print_exc()
        print(f"gdstudio: internal error: {type(e).__name__}: {e}\n"
              "(set GDSTUDIO_DEBUG=1 for details)", file=sys.stderr)
        return 1


def _cmd_run(args) -> int:
    from gdstudio.core import export
    from gdstudio.core.budget import check_budget
    from gdstudio.core.fileio import output_path, write_pieces
    from gdstudio.core.runner import stream_scene
    from gdstudio.core.scene import load_scene

    fmt = args.format
    if fmt is None:
        fmt = "json" if args.output and args.output.lower().endswith(".json") else "csv"
    if args.output:
        output_path(args.output)
    scene = load_scene(Path(args.scene))
    if args.steps is not None:
        scene = scene.with_steps(args.steps)
    need = check_budget(scene, every=args.every, consumer="cli")
    stream = stream_scene(scene, every=args.every, state=args.state,
                          progress=_progress(need.seconds))
    pieces = export.iter_json(stream) if fmt == "json" else export.iter_csv(stream)
    if args.output:
        write_pieces(args.output, pieces)
    else:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
    return 0


def _cmd_tune(args) -> int:
    from gdstudio.core.fileio import output_path
    from gdstudio.core.race import DEFAULT_LRS, fair_race, race_table
    from gdstudio.core.scene import load_scene, rebase_paths, save_scene, scene_from_dict

    if args.output:
        output_path(args.output)
    scene = load_scene(Path(args.scene))
    race = fair_race(scene, args.lrs or DEFAULT_LRS, budget=args.budget, amount=args.amount,
                     target=args.target)
    sys.stdout.write(race_table(race))
    sys.stdout.flush()
    if args.output:
        target = Path(args.output).resolve()
        raw = rebase_paths(race.scene, scene.base_dir, target.parent)
        save_scene(scene_from_dict(raw, path=target), args.output)
        print(f"tuned scene written to {args.output}", file=sys.stderr)
    return 0


PROGRESS_SECONDS = 2.0
"""Runs estimated to take longer show a progress bar on stderr, when it is a terminal."""


def _progress(seconds: float):
    if seconds < PROGRESS_SECONDS or not sys.stderr.isatty():
        return None
    from gdstudio.render import ProgressBar

    return ProgressBar(sys.stderr, unit="steps")


def _cmd_surfaces(args) -> int:
    from gdstudio.core.surfaces import BUILTINS, describe

    items = [describe(name) for name in BUILTINS]
    if args.json:
        sys.stdout.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
        return 0
    for d in items:
        (x0, x1), (y0, y1) = d["bounds"]
        p, q = d["params"]
        print(f"{d['name']}")
        print(f"    {d['description']}")
        print(f"    f({p}, {q}) = {d['expr']}")
        print(f"    bounds: {p} in [{x0:g}, {x1:g}], {q} in [{y0:g}, {y1:g}]")
        if d.get("data"):
            print(f"    data: {d['data']}")
        for m in d["minima"]:
            kind = "" if m.get("kind", "global") == "global" else f" ({m['kind']})"
            px, py = m["point"]
            print(f"    minimum{kind}: ({px:.6g}, {py:.6g}) -> {m['value']:.6g}")
        print()
    return 0


def _cmd_check(args) -> int:
    from gdstudio.core.budget import check_budget
    from gdstudio.core.errors import SceneError
    from gdstudio.core.scene import load_scene, scene_warnings
    from gdstudio.core.values import show

    try:
        scene = load_scene(Path(args.scene))
        check_budget(scene)
    except SceneError as e:
        n = len(e.problems)
        for problem in e.problems:
            print(problem, file=sys.stderr)
        print(f"{n} problem{'s' if n != 1 else ''} found", file=sys.stderr)
        return 2
    for warning in scene_warnings(scene):
        print(f"warning: {warning}", file=sys.stderr)
    members = sum(r.size for r in scene.runs)
    print(f"ok: {args.scene}: {show(scene.title)}, {len(scene.runs)} run"
          f"{'s' if len(scene.runs) != 1 else ''}"
          + (f" ({members} trajectories)" if members != len(scene.runs) else ""))
    return 0


def _cmd_lessons(args) -> int:
    from gdstudio.core.lessons import list_lessons

    lessons = list_lessons()
    if args.json:
        items = [{"id": le.id, "title": le.title, "title_zh": le.title_zh, "topic": le.topic,
                  "topic_title": le.topic_title, "path": str(le.path)} for le in lessons]
        sys.stdout.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
        return 0
    width = max((len(le.id) for le in lessons), default=0)
    topic_width = max((len(le.topic) for le in lessons), default=0)
    for le in lessons:
        print(f"{le.id:<{width}}  {le.topic:<{topic_width}}  {le.title}")
        print(f"{'':<{width}}  {le.path}")
    return 0


def _cmd_lesson(args) -> int:
    from gdstudio.core.lessons import find_lesson

    lesson = find_lesson(args.id)
    from gdstudio.gui.app.launch import main as gui_main

    return gui_main(str(lesson.path), safe_mode=args.safe_mode)


def _cmd_render(args) -> int:
    from gdstudio.gui.features.export import parse_size
    from gdstudio.render import render

    render(args.scene, args.output, size=parse_size(args.size), fps=args.fps,
           view=args.view, steps=args.steps, frames=args.frames)
    return 0


def _gui(args) -> int:
    if args.selftest:
        from gdstudio.selftest import main as selftest

        return selftest(safe_mode=args.safe_mode)

    if args.scene is not None:
        from gdstudio.core.scene import read_scene_text

        read_scene_text(args.scene)
    from gdstudio.gui.app.launch import main as gui_main

    return gui_main(args.scene, safe_mode=args.safe_mode)


_COMMANDS = {"run": _cmd_run, "tune": _cmd_tune, "surfaces": _cmd_surfaces,
             "check": _cmd_check, "lessons": _cmd_lessons, "lesson": _cmd_lesson,
             "render": _cmd_render}
