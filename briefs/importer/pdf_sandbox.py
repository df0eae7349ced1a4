"""PDF reading in a child process with address-space and CPU limits.

pdfminer can be driven into gigabytes of memory or minutes of CPU by a small
file; in a web worker that takes the site down with it. The child is a fresh
interpreter (``python -m briefs.importer.pdf_sandbox``: nothing of the web
worker's threads, connections or memory is shared), which applies ``resource``
limits to itself, runs the limit checks and briefs.importer.pdf.read_pdf_bytes,
and writes back the text or a one-line reason. If the kernel kills it, the parent
says why.

No Django here: the limits come in as a PdfLimits.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import traceback
from dataclasses import asdict
from pathlib import Path

from .errors import BriefImportError
from .pdf import read_pdf_bytes_text
from .pdf_limits import MB, PdfLimits, check_pdf_limits

# The child's start-up and a wait for the disk are not CPU time; a wall-clock
# bound on top of the CPU limit catches a child that waits instead of computing.
_WALL_SECONDS_OVER_CPU = 5
# The folder holding the ``briefs`` package, for the child's import path.
_PROJECT_ROOT = Path(__file__).resolve().parents[2]


def read_pdf(data: bytes, limits: PdfLimits | None = None) -> tuple[str, list[str]]:
    """The export text of a PDF and what reading dropped, within ``limits``.

    BriefImportError when the file is refused.
    """
    limits = limits or PdfLimits()
    if not limits.sandbox:
        check_pdf_limits(data, limits)
        return read_pdf_bytes_text(data)
    if not _has_pdf_frame(data):
        # read_pdf_bytes_text refuses such a file before pdfminer sees a byte:
        # no child process is needed to say so.
        return read_pdf_bytes_text(data)
    return _read_in_child(data, limits)


def _has_pdf_frame(data: bytes) -> bool:
    # The same test as read_pdf_bytes_text's first two checks.
    return b"%PDF-" in data[:1024] and b"%%EOF" in data[-2048:]


def _read_in_child(data: bytes, limits: PdfLimits) -> tuple[str, list[str]]:
    header = json.dumps(asdict(limits)).encode() + b"\n"
    env = {**os.environ, "PYTHONPATH": _child_path()}
    wall = limits.max_cpu_seconds + _WALL_SECONDS_OVER_CPU
    child = subprocess.Popen(
        [sys.executable, "-m", __name__],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=_PROJECT_ROOT,
    )
    try:
        output, _ = child.communicate(header + data, timeout=wall)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise BriefImportError(f"PDF reading took over {wall} s") from None
    except BaseException:
        child.kill()
        child.communicate()
        raise
    try:
        kind, value = json.loads(output)
    except ValueError:
        raise BriefImportError(_reason_for_death(child.returncode, limits)) from None
    if kind == "text":
        text, notes = value
        return text, notes
    if kind == "refused":
        raise BriefImportError(value)
    # A bug of ours in the child: keep it loud, with the child's traceback.
    raise RuntimeError(f"PDF reader failed in its sandbox:\n{value}")


def _child_path() -> str:
    inherited = os.environ.get("PYTHONPATH")
    return os.pathsep.join(
        [str(_PROJECT_ROOT), *sys.path[1:]] + ([inherited] if inherited else [])
    )


def _reason_for_death(exitcode: int | None, limits: PdfLimits) -> str:
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"PDF reading took over {limits.max_cpu_seconds} s"
    if exitcode in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
        # Allocation failures outside Python's reach end this way under RLIMIT_AS.
        return f"PDF reading needed over {limits.max_memory_bytes // MB} MB of memory"
    return f"PDF reader stopped unexpectedly (exit status {exitcode})"


def _child_main() -> None:
    stdin = sys.stdin.buffer
    limits = PdfLimits(**json.loads(stdin.readline()))
    _limit_self(limits)
    try:
        data = stdin.read()
        check_pdf_limits(data, limits)
        message = ["text", list(read_pdf_bytes_text(data))]
    except (BriefImportError, MemoryError) as error:
        if _ran_out_of_memory(error):
            reason = f"PDF reading needed over {limits.max_memory_bytes // MB} MB"
            message = ["refused", reason + " of memory"]
        else:
            message = ["refused", str(error)]
    except RecursionError:
        message = ["refused", "damaged or truncated PDF"]
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        message = ["bug", traceback.format_exc()]
    data = None
    sys.stdout.write(json.dumps(message))
    sys.stdout.flush()


def _ran_out_of_memory(error: BaseException | None) -> bool:
    # pdfminer's guard turns a MemoryError deep inside it into "damaged PDF".
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, MemoryError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _limit_self(limits: PdfLimits) -> None:
    # The soft CPU limit sends SIGXCPU, which ends the process; the hard one a
    # second later is the kernel's SIGKILL should anything catch the first.
    cpu = limits.max_cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    memory = limits.max_memory_bytes
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        memory = min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))


if __name__ == "__main__":
    _child_main()
