"""Where the run-time resources (scenes, data, icons, translations) are.

In a wheel or a frozen bundle they are installed as ``gdstudio/resources``; in a source
checkout they are the top-level ``resources/`` folder.
"""

from importlib.resources import files
from pathlib import Path


def resource_root() -> Path:
    installed = Path(str(files("gdstudio"))) / "resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)
