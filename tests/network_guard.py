"""A socket guard: any attempt to reach a non-loopback address raises before a packet is sent.

``install(log_path)`` patches, in the running Python process, ``socket.getaddrinfo`` (so no name is looked
up), ``socket.create_connection``, and ``socket.socket``'s ``connect``, ``connect_ex``, ``sendto`` and
``sendmsg``: a target that is not a loopback address (``127.0.0.0/8``, ``::1``, ``localhost``) or a Unix
socket raises ``NetworkBlockedError`` (an ``OSError``, as a real offline failure would be) and is appended
to ``log_path``, so a lesson that catches the error and carries on is still caught.

The tests hand this file's source to a notebook kernel as setup code (``guard_setup_code``), so it must
not import anything from the project.
"""

from __future__ import annotations

import ipaddress
import socket

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


class NetworkBlockedError(ConnectionRefusedError):
    """Raised instead of reaching the network."""


def is_loopback(host: object) -> bool:
    """Whether ``host`` (a name or address) stays on this machine.

    Examples
    --------
    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "", "192.0.2.1", "example.org", None)]
    [True, True, True, False, False, False, False]
    """
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str) or not host:
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def install(log_path: str | None = None) -> None:
    """Patch the socket module of this process so only loopback and Unix sockets can be reached."""
    if getattr(socket, "_inf_network_guard", False):
        return

    def refuse(what: str, target: object) -> None:
        if log_path:
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(f"{what} {target!r}\n")
        raise NetworkBlockedError(f"network access blocked in this test run: {what} {target!r}")

    def check_address(what: str, address: object, family: int | None = None) -> None:
        if family == getattr(socket, "AF_UNIX", object()) or isinstance(address, (str, bytes)):
            return  # a Unix socket path
        host = address[0] if isinstance(address, tuple) and address else address
        if not is_loopback(host):
            refuse(what, address)

    real_getaddrinfo = socket.getaddrinfo
    real_create_connection = socket.create_connection
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    real_sendmsg = getattr(socket.socket, "sendmsg", None)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not is_loopback(host):
            refuse("getaddrinfo", host)
        return real_getaddrinfo(host, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        check_address("create_connection", address)
        return real_create_connection(address, *args, **kwargs)

    def connect(self, address):
        check_address("connect", address, self.family)
        return real_connect(self, address)

    def connect_ex(self, address):
        check_address("connect_ex", address, self.family)
        return real_connect_ex(self, address)

    def sendto(self, data, *args):
        check_address("sendto", args[-1], self.family)
        return real_sendto(self, data, *args)

    socket.getaddrinfo = getaddrinfo
    socket.create_connection = create_connection
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    if real_sendmsg is not None:

        def sendmsg(self, buffers, *args):
            if len(args) >= 3:  # (ancdata, flags, address)
                check_address("sendmsg", args[2], self.family)
            return real_sendmsg(self, buffers, *args)

        socket.socket.sendmsg = sendmsg
    socket._inf_network_guard = True


def guard_setup_code(log_path: str) -> str:
    """Code for a kernel's first cell: install this guard without leaving names in the user's namespace."""
    from pathlib import Path

    code = Path(__file__).read_text(encoding="utf-8") + f"\ninstall({log_path!r})\n"
    return f"exec(compile({code!r}, 'network_guard', 'exec'), {{'__name__': 'inf_network_guard'}})\n"
