"""Peer: the course's random-number API on Python's http.server.

http.server.ThreadingHTTPServer with a BaseHTTPRequestHandler: HTTP/1.0, so one request per
connection, and the stock request log on stderr.
    GET /api/random/int     a JSON integer in [0, 100]
    GET /api/random/float   a JSON number in [0, 1)
    ?n=COUNT                a JSON array of COUNT of them (1..10000)

    python3 random_server.py [--port 13082]
"""
import argparse
import http.server
import json
import random
from urllib.parse import parse_qs, urlsplit

DRAWS = {"/api/random/int": lambda: random.randint(0, 100), "/api/random/float": random.random}


class RandomHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        draw = DRAWS.get(url.path)
        if draw is None:
            self.send_error(404, "try /api/random/int or /api/random/float")
            return
        count = parse_qs(url.query).get("n", [None])[0]
        if count is not None:
            if not count.isdigit() or not 1 <= int(count) <= 10000:
                self.send_error(400, "n must be an integer between 1 and 10000")
                return
            value = [draw() for _ in range(int(count))]
        else:
            value = draw()
        body = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    options = argparse.ArgumentParser(description="the course's random API on http.server (loopback)")
    options.add_argument("--port", type=int, default=13082)
    arguments = options.parse_args()
    with http.server.ThreadingHTTPServer(("127.0.0.1", arguments.port), RandomHandler) as server:
        server.serve_forever()
