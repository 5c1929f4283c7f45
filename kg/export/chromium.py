"""Headless Chromium over the DevTools protocol, with the standard library only.

Used by the browser tests, the HTML benchmark (scripts/bench_html.py) and for screenshots: it loads a
page, records console errors, exceptions and network requests, evaluates JavaScript and sends real
mouse and keyboard input. The WebSocket client below implements just what DevTools needs (RFC 6455
text frames, masking, fragmentation, ping/pong).
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic", "--disable-default-apps", "--disable-extensions",
         "--no-default-browser-check", "--mute-audio", "--hide-scrollbars", "--remote-debugging-port=0"]


def find_chromium() -> str | None:
    """The Chromium (or Chrome) binary: $KG_CHROMIUM, else the first of the usual names on PATH."""
    if os.environ.get("KG_CHROMIUM"):
        return os.environ["KG_CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class DevToolsError(RuntimeError):
    pass


class WebSocket:
    """A minimal blocking WebSocket client (enough for the DevTools protocol on localhost)."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        rest = url.split("://", 1)[1]
        hostport, _, path = rest.partition("/")
        host, _, port = hostport.partition(":")
        self.sock = socket.create_connection((host, int(port or 80)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise DevToolsError("DevTools closed the connection during the handshake")
            response += chunk
        head, _, self.buffer = response.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise DevToolsError(f"WebSocket handshake failed: {head[:200]!r}")

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise DevToolsError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        header = bytearray([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header.append(0x80 | length)
        elif length < 1 << 16:
            header.append(0x80 | 126)
            header += struct.pack(">H", length)
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", length)
        mask = os.urandom(4)
        masked = _mask(payload, mask)
        self.sock.sendall(bytes(header) + mask + masked)

    def send(self, text: str) -> None:
        self._send_frame(0x1, text.encode("utf-8"))

    def recv(self) -> str:
        parts: list[bytes] = []
        while True:
            first, second = self._read(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(length)
            if mask:
                payload = _mask(payload, mask)
            if opcode == 0x8:
                raise DevToolsError("DevTools closed the WebSocket")
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode in (0x0, 0x1, 0x2):
                parts.append(payload)
                if first & 0x80:
                    return b"".join(parts).decode("utf-8")

    def close(self) -> None:
        try:
            self._send_frame(0x8, b"")
        except OSError:
            pass
        self.sock.close()


def _mask(payload: bytes, mask: bytes) -> bytes:
    repeated = (mask * (len(payload) // 4 + 1))[: len(payload)]
    return (int.from_bytes(payload, "little") ^ int.from_bytes(repeated, "little")).to_bytes(len(payload), "little")


class Chromium:
    """One headless Chromium with one page, driven over DevTools; use as a context manager.

    ``events`` collects every protocol event; ``console_errors()`` and ``requests()`` read them.
    """

    def __init__(self, binary: str | None = None, width: int = 1400, height: int = 900, timeout: float = 30.0,
                 user_data_dir: str | Path | None = None) -> None:
        self.binary = binary or find_chromium()
        if not self.binary:
            raise DevToolsError("no Chromium found (install chromium or set KG_CHROMIUM)")
        self.width, self.height, self.timeout = width, height, timeout
        self._own_dir = None if user_data_dir else tempfile.TemporaryDirectory(prefix="kg-chromium-")
        self.user_data_dir = Path(user_data_dir or self._own_dir.name)
        self.process: subprocess.Popen | None = None
        self.ws: WebSocket | None = None
        self.events: list[tuple[str, dict]] = []
        self._next_id = 0

    def __enter__(self) -> Chromium:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        port_file = self.user_data_dir / "DevToolsActivePort"
        port_file.unlink(missing_ok=True)
        args = [self.binary, *FLAGS, f"--user-data-dir={self.user_data_dir}",
                f"--window-size={self.width},{self.height}", "about:blank"]
        # a session of its own: if Chromium hangs on close, its whole process group can be ended (close())
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        deadline = time.monotonic() + self.timeout
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            if self.process.poll() is not None:
                raise DevToolsError(f"Chromium exited with status {self.process.returncode}")
            if time.monotonic() > deadline:
                self.close()
                raise DevToolsError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=self.timeout) as response:
            targets = json.load(response)
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"], self.timeout)
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False})

    def close(self) -> None:
        if self.ws is not None:
            try:
                self.send("Browser.close", timeout=5)
            except (DevToolsError, OSError):
                pass
            self.ws.close()
            self.ws = None
        if self.process is not None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self.process = None
        if self._own_dir is not None:
            self._own_dir.cleanup()
            self._own_dir = None

    def send(self, method: str, params: dict | None = None, timeout: float | None = None) -> dict:
        """Call a DevTools method and return its result; events that arrive meanwhile go to ``events``."""
        assert self.ws is not None, "Chromium is not started"
        self._next_id += 1
        call_id = self._next_id
        self.ws.sock.settimeout(timeout or self.timeout)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params or {}}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise DevToolsError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self.events.append((message["method"], message.get("params", {})))

    def navigate(self, url: str) -> None:
        """Open url and wait for its load event."""
        start = len(self.events)
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + self.timeout
        while not any(m == "Page.loadEventFired" for m, _ in self.events[start:]):
            if time.monotonic() > deadline:
                raise DevToolsError(f"{url} did not finish loading")
            self.evaluate("0")
            time.sleep(0.02)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (JSON-serialisable), awaiting promises."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise DevToolsError(f"JavaScript error: {text}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float | None = None) -> Any:
        """Poll a JavaScript expression until it is truthy; return its value."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise DevToolsError(f"timed out waiting for {expression}")
            time.sleep(0.02)

    def click(self, x: float, y: float) -> None:
        """A left click at page coordinates (CSS pixels)."""
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def hover(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def type_text(self, text: str) -> None:
        self.send("Input.insertText", {"text": text})

    def press(self, key: str) -> None:
        """Press and release a named key: Enter, Escape, Home, End, ArrowLeft, ArrowRight, ArrowUp, ArrowDown."""
        codes = {"Enter": 13, "Escape": 27, "Home": 36, "End": 35, "ArrowLeft": 37, "ArrowUp": 38,
                 "ArrowRight": 39, "ArrowDown": 40}
        params = {"key": key, "code": key, "windowsVirtualKeyCode": codes[key], "nativeVirtualKeyCode": codes[key]}
        if key == "Enter":
            params["text"] = "\r"
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **params})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **params})

    def screenshot(self, path: str | Path) -> None:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def console_errors(self) -> list[str]:
        """Uncaught exceptions, console.error calls and error log entries (failed loads, CSP) so far."""
        errors = []
        for method, params in self.events:
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                errors.append(params["entry"].get("text", "log error"))
        return errors

    def requests(self) -> list[str]:
        """URLs of every request the page made so far."""
        return [params["request"]["url"] for method, params in self.events if method == "Network.requestWillBeSent"]
