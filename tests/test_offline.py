"""Every lesson runs with the network cut off: a socket guard in the kernel refuses any non-loopback target.

A classroom may have no internet, and a lesson must never depend on it. ``test_notebooks.py`` installs the
guard (``network_guard.py``) in each lesson's kernel before the first cell; it raises before any packet is
sent and logs every attempt, so a lesson that swallowed the error would still be caught. These tests prove
the guard works without sending traffic (TEST-NET-1, 192.0.2.1, is never routed anyway).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from . import network_guard
from .notebook_runner import execute

META = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}

# Run in a fresh interpreter: the real socket functions are replaced by recorders first, so the test sees
# whether the guard ever let a call through to them.
PROBE = textwrap.dedent(
    """
    import json, socket, sys, urllib.error, urllib.request

    reached = []

    def recorder(name):
        def record(*args, **kwargs):
            reached.append([name, repr(args[-1] if args else None)])
            raise OSError("recorder: the real function was called")
        return record

    socket.getaddrinfo = recorder("getaddrinfo")
    socket.create_connection = recorder("create_connection")
    socket.socket.connect = recorder("connect")
    socket.socket.connect_ex = recorder("connect_ex")
    socket.socket.sendto = recorder("sendto")

    exec(sys.argv[1])
    from inf_guard_probe import NetworkBlockedError  # set up below by the parent

    outcomes = {}
    def attempt(label, call):
        try:
            call()
            outcomes[label] = "no error"
        except NetworkBlockedError:
            outcomes[label] = "blocked"
        except urllib.error.URLError as error:
            outcomes[label] = "blocked" if isinstance(error.reason, NetworkBlockedError) else repr(error)
        except OSError as error:
            outcomes[label] = f"OSError {error}"

    attempt("create_connection", lambda: socket.create_connection(("192.0.2.1", 80), timeout=1))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    attempt("connect", lambda: tcp.connect(("192.0.2.1", 80)))
    attempt("connect_ex", lambda: tcp.connect_ex(("192.0.2.1", 443)))
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    attempt("sendto", lambda: udp.sendto(b"x", ("192.0.2.1", 53)))
    attempt("getaddrinfo", lambda: socket.getaddrinfo("example.org", 443))
    attempt("urlopen", lambda: urllib.request.urlopen("http://192.0.2.1/", timeout=1))
    attempt("ipv6", lambda: socket.socket(socket.AF_INET6).connect(("2001:db8::1", 80, 0, 0)))
    blocked_reached = list(reached)
    attempt("loopback", lambda: tcp.connect(("127.0.0.1", 9)))
    print(json.dumps({"outcomes": outcomes, "reached_before_loopback": blocked_reached, "reached": reached}))
    """
)


def _guard_module_code(log_path: Path) -> str:
    """Install the guard as module ``inf_guard_probe`` so the probe can import its exception class."""
    source = Path(network_guard.__file__).read_text(encoding="utf-8")
    return textwrap.dedent(
        f"""
        import sys, types
        module = types.ModuleType("inf_guard_probe")
        exec(compile({source!r}, "network_guard", "exec"), module.__dict__)
        sys.modules["inf_guard_probe"] = module
        module.install({str(log_path)!r})
        """
    )


def test_guard_refuses_every_outside_target_before_the_real_call(tmp_path):
    log = tmp_path / "attempts.log"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, _guard_module_code(log)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    outside = {k: v for k, v in report["outcomes"].items() if k != "loopback"}
    assert outside == dict.fromkeys(outside, "blocked"), outside
    assert report["reached_before_loopback"] == [], "the guard let a call reach the real socket function"
    # A loopback target goes through to the real connect (here the recorder), untouched by the guard.
    assert report["outcomes"]["loopback"].startswith("OSError recorder"), report["outcomes"]["loopback"]
    assert report["reached"] == [["connect", repr(("127.0.0.1", 9))]]
    assert len(log.read_text(encoding="utf-8").splitlines()) == len(outside)


def test_guard_leaves_loopback_working(tmp_path):
    code = _guard_module_code(tmp_path / "attempts.log") + textwrap.dedent(
        """
        import socket
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        client = socket.create_connection(server.getsockname(), timeout=5)
        peer, _ = server.accept()
        client.sendall(b"ping")
        print(peer.recv(4).decode())
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ping"
    assert not (tmp_path / "attempts.log").exists()


def test_guard_is_active_in_a_notebook_kernel_and_leaves_no_names(tmp_path):
    log = tmp_path / "attempts.log"
    path = tmp_path / "probe.ipynb"
    cells = [
        new_code_cell(
            "import urllib.request\n"
            "try:\n"
            "    urllib.request.urlopen('http://192.0.2.1/', timeout=2)\n"
            "except OSError as error:\n"
            "    print(type(getattr(error, 'reason', error)).__name__)"
        ),
        new_code_cell("print(sorted(n for n in dir() if 'install' in n or 'guard' in n))"),
    ]
    nbformat.write(new_notebook(cells=cells, metadata=META), path)
    nb = execute(path, extra_setup=network_guard.guard_setup_code(str(log)), timeout=120)
    assert [o.text.strip() for o in nb.cells[0].outputs] == ["NetworkBlockedError"]
    assert [o.text.strip() for o in nb.cells[1].outputs] == ["[]"]
    assert "192.0.2.1" in log.read_text(encoding="utf-8")
