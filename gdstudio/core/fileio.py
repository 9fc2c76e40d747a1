"""The user's files: read only regular files, write without destroying links or devices.

Reading opens without blocking and looks at what was opened before reading it: a named
pipe or ``/dev/stdin`` would wait forever for a writer, a device may never end, so
anything but a regular file is refused, and so is a file larger than the caller's limit.

Writing never replaces the file node the user named with a new one. A symbolic link is
followed, so the link stays and its target gets the content; a regular file (or a new
name) is written atomically, as a temporary file in the same folder that then replaces
it (``os.replace``), so a failed write leaves the old content; a named pipe, a device or
a folder is refused (``-o /dev/null`` run as root must not replace the system's
``/dev/null`` with a regular file).

Problems are :class:`~gdstudio.core.errors.GdError` with a message naming the file,
except the ordinary ones of reading (no such file: ``FileNotFoundError``, a folder:
``IsADirectoryError``, no permission), which stay ``OSError`` so that each reader words
them for what it reads.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from gdstudio.core.errors import GdError, Msg

__all__ = ["AtomicWrite", "FileKindError", "FileSizeError", "output_path", "read_bytes",
           "require_regular", "write_text"]


class FileKindError(GdError):
    """A path that names a named pipe, a device or a socket where a file was expected."""


class FileSizeError(GdError):
    """A file larger than what its reader accepts."""


def _kind(mode: int) -> Msg:
    if stat.S_ISFIFO(mode):
        return Msg("a named pipe (FIFO)")
    if stat.S_ISCHR(mode):
        return Msg("a character device")
    if stat.S_ISBLK(mode):
        return Msg("a block device")
    if stat.S_ISSOCK(mode):
        return Msg("a socket")
    return Msg("a special file")


def size_text(n: int) -> str:
    """A byte count for a message: ``2.0 GiB``, ``31.5 MiB``, ``812 bytes``."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n} bytes"


def _check_read(name: str, st: os.stat_result, limit: int | None) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
    if not stat.S_ISREG(st.st_mode):
        raise FileKindError(Msg("{file}: is {kind}, not a regular file; only regular files "
                                "are read", file=name, kind=_kind(st.st_mode)))
    if limit is not None and st.st_size > limit:
        raise FileSizeError(Msg("{file}: is {size}, more than the {most} that can be read",
                                file=name, size=size_text(st.st_size), most=size_text(limit)))


def require_regular(path: str | Path, limit: int | None = None) -> None:
    """Raise unless ``path`` (links followed) is a regular file of at most ``limit``
    bytes: for readers that hand the path on to a library that opens it itself."""
    _check_read(str(path), os.stat(path), limit)


def read_bytes(path: str | Path, limit: int) -> bytes:
    """The content of the regular file ``path``, at most ``limit`` bytes (else
    FileSizeError); never blocks on a named pipe or a device (FileKindError)."""
    name = str(path)
    _check_read(name, os.stat(path), limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        _check_read(name, os.fstat(fd), limit)
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileSizeError(Msg("{file}: is {size}, more than the {most} that can be "
                                        "read", file=name, size=size_text(total),
                                        most=size_text(limit)))
    finally:
        os.close(fd)
    return b"".join(chunks)


def output_path(path: str | Path) -> Path:
    """The file that writing to ``path`` fills: symbolic links resolved, so a link is kept
    and its target written. Raises GdError for a folder, a named pipe, a device or a
    socket, and when the folder to write in does not exist."""
    name = str(path)
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise GdError(Msg("cannot write {file}: the folder {folder} does not exist",
                              file=name, folder=str(target.parent))) from None
        return target
    except OSError as e:
        raise GdError(Msg("cannot write {file}: {reason}", file=name,
                          reason=e.strerror or str(e))) from None
    if stat.S_ISDIR(st.st_mode):
        raise GdError(Msg("cannot write {file}: it is a folder; give the name of a file",
                          file=name))
    if not stat.S_ISREG(st.st_mode):
        raise FileKindError(Msg("cannot write {file}: it is {kind}, not a regular file; it "
                                "was left as it is", file=name, kind=_kind(st.st_mode)))
    return target


class AtomicWrite:
    """Write the file ``path`` names through a temporary file beside it::

        with AtomicWrite(path) as out:
            writer(out.path)        # any writer that takes a file name

    ``out.path`` has the target's suffix (writers that choose a format by suffix see the
    right one). When the block ends without an exception, the temporary file replaces the
    target (keeping the target's permission bits); after an exception, or
    :meth:`discard`, it is removed and the target is left as it was. Opening raises the
    errors of :func:`output_path`.
    """

    def __init__(self, path: str | Path):
        self.name = str(path)
        self.target = output_path(path)
        self._discard = False
        for _ in range(100):
            tmp = self.target.with_name(f".{self.target.stem}.{os.urandom(4).hex()}.tmp"
                                        f"{self.target.suffix}")
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                continue
            except OSError as e:
                raise GdError(Msg("cannot write {file}: {reason}", file=self.name,
                                  reason=e.strerror or str(e))) from None
            os.close(fd)
            self.path = tmp
            break
        else:
            raise GdError(Msg("cannot write {file}: {reason}", file=self.name,
                              reason=os.strerror(errno.EEXIST)))
        with contextlib.suppress(OSError):
            os.chmod(self.path, stat.S_IMODE(os.stat(self.target).st_mode))

    def __enter__(self) -> AtomicWrite:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is not None or self._discard:
            self.path.unlink(missing_ok=True)
            return
        try:
            os.replace(self.path, self.target)
        except OSError as e:
            self.path.unlink(missing_ok=True)
            raise GdError(Msg("cannot write {file}: {reason}", file=self.name,
                              reason=e.strerror or str(e))) from None

    def discard(self) -> None:
        """Leave the target as it was when the block ends (a cancelled export)."""
        self._discard = True


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to the file ``path`` names, atomically (see AtomicWrite)."""
    write_pieces(path, (text,))


def write_pieces(path: str | Path, pieces: Iterable[str]) -> None:
    """Write the text ``pieces`` as UTF-8 to the file ``path`` names, each as it comes, so
    the whole text is never held; atomically (see AtomicWrite): the file appears, whole,
    only once the last piece is written, and an error on the way leaves it as it was."""
    with AtomicWrite(path) as out:
        try:
            with open(out.path, "w", encoding="utf-8") as f:
                for piece in pieces:
                    f.write(piece)
        except OSError as e:
            raise GdError(Msg("cannot write {file}: {reason}", file=out.name,
                              reason=e.strerror or str(e))) from None
