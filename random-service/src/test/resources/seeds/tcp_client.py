# seeds/000 "Côté serveur", "Serveur bas niveau": the course's TCP client, verbatim
# (the notebook imports socket in an earlier cell). The test appends one call to it.
import socket

import time
def tcp_client(ip, port, msg):
    time.sleep(1)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((ip, port))
    s.send( msg.encode() )
    BUFF_SIZE = 1024
    msg = s.recv(BUFF_SIZE)
    print(f"Response : {msg.decode()}")
