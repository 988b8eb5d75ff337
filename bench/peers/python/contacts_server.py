"""Peer: the course's JSON contacts server over TCP.

A socketserver.ThreadingTCPServer. The client sends one JSON object, {"cmd": ..., "args": {...}},
with no delimiter and without closing its side, then reads until the server closes. The handler
reads once, recv(1024), answers one JSON object {"status": bool, "msg": str, "data": ...} and
returns, which closes the connection. Commands: "list" (every contact), "add" (args name, mail),
"get" (args id). The contacts live in memory, in a list guarded by a lock.

    python3 contacts_server.py [--port 13001] [--backlog 5]
"""
import argparse
import json
import socketserver
import threading

contacts = []
lock = threading.Lock()


def answer(status, msg, data=None):
    return {"status": status, "msg": msg, "data": data}


def run(command, args):
    if command == "list":
        with lock:
            every = list(contacts)
        return answer(True, f"{len(every)} contact(s)", every)
    if command == "add":
        name, mail = args.get("name"), args.get("mail")
        if not name or not mail:
            return answer(False, "add needs a name and a mail")
        with lock:
            contact = {"id": len(contacts) + 1, "name": name, "mail": mail}
            contacts.append(contact)
        return answer(True, "contact added", contact)
    if command == "get":
        with lock:
            found = next((c for c in contacts if c["id"] == args.get("id")), None)
        return answer(True, "found", found) if found else answer(False, "no such contact")
    return answer(False, f"unknown command {command!r}")


class ContactsHandler(socketserver.BaseRequestHandler):
    def handle(self):
        received = self.request.recv(1024).decode(errors="replace")
        try:
            request = json.loads(received)
        except ValueError as problem:
            reply = answer(False, f"not JSON: {problem}")
        else:
            if isinstance(request, dict) and isinstance(request.get("args", {}), dict):
                reply = run(request.get("cmd"), request.get("args") or {})
            else:
                reply = answer(False, 'expected {"cmd": ..., "args": {...}}')
        self.request.sendall(json.dumps(reply).encode())


if __name__ == "__main__":
    options = argparse.ArgumentParser(description="the course's JSON contacts server (loopback)")
    options.add_argument("--port", type=int, default=13001)
    options.add_argument("--backlog", type=int, default=socketserver.TCPServer.request_queue_size)
    arguments = options.parse_args()
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    socketserver.ThreadingTCPServer.request_queue_size = arguments.backlog
    with socketserver.ThreadingTCPServer(("127.0.0.1", arguments.port), ContactsHandler) as server:
        server.serve_forever()
