# seeds/003 "Côté client", "Retour à notre client TCP": the course's ContactClient, verbatim.
# The test appends the calls, with the test's host and port.
import socket
import json 
class ContactClient:
    def __init__( self, host, port):
        self.__host = host
        self.__port = port 
        
    def connect(self):
        self.__socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.__socket.connect((self.__host, self.__port))
        
    def command(self, cmd, **args):
        
        self.connect()
        data = {"cmd": cmd, "args": args}
        
        to_send = json.dumps(data).encode()
        
        sz = self.__socket.send( to_send )
        
        buff = self.__socket.recv(1024).decode()
        data_srv = buff
        while buff != "":
            buff = self.__socket.recv(1024).decode()
            data_srv += buff

        ret = json.loads(data_srv)
        if ret["status"] is False:
            print("ERROR : " + ret["msg"])
            return 
        else:
            return ret["msg"], ret["data"]        
