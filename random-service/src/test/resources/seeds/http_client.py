# seeds/000 "Côté serveur", "Serveur HTTP": the course's HTTP client, verbatim (the notebook
# imports requests and time in the same cell). The test appends the calls the notebook makes
# against its EchoHttpHandler, with /api/echo in front of the course's paths.
import requests
import time
def http_client(ip_server, port_server, cmd, url, data=None, json=None):
    time.sleep(1)
    if cmd=="GET":
        out = requests.get(f"{ip_server}:{port_server}{url}")
    elif cmd=="POST":
        if data:
            out = requests.post(f"{ip_server}:{port_server}{url}", data=data)
        elif json:
            out = requests.post(f"{ip_server}:{port_server}{url}", json=json)
    print( out.content.decode() )
