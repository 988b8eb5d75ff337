"""Peer: the course's TCP echo server, as the course writes it.

A socketserver.ThreadingTCPServer (one thread per connection). The handler reads once,
recv(1024), logs what it got, answers "Serveur a reçu <what it got>" and returns, which closes
the connection. The listen backlog is socketserver's (5) unless --backlog says otherwise.

    python3 echo_server.py [--port 13000] [--backlog 5]
"""
import argparse
import socketserver


class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        received = self.request.recv(1024).decode()
        print(f"Le serveur a reçu {received}")
        self.request.send(f"Serveur a reçu {received}".encode())


def serve(port, backlog):
    socketserver.ThreadingTCPServer.allow_reuse_address = True  # restart without waiting for TIME_WAIT
    socketserver.ThreadingTCPServer.request_queue_size = backlog
    with socketserver.ThreadingTCPServer(("127.0.0.1", port), EchoHandler) as server:
        server.serve_forever()


if __name__ == "__main__":
    options = argparse.ArgumentParser(description="the course's TCP echo server (loopback)")
    options.add_argument("--port", type=int, default=13000)
    options.add_argument("--backlog", type=int, default=socketserver.TCPServer.request_queue_size)
    arguments = options.parse_args()
    serve(arguments.port, arguments.backlog)
