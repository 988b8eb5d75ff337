# seeds/003 "Côté client", "Un mot sur la notion d'API web": the course's calls to the random
# API, verbatim. The test replaces http://localhost:3003 with the service's address (the
# course's own server listened on 3003) and runs the file as it stands.
import requests

out = requests.get("http://localhost:3003/api/random/int")
print( out.json() )

out = requests.get("http://localhost:3003/api/random/float")
print( out.json() )

out = requests.get("http://localhost:3003/api/random/int?n=20")
print( out.json() )

out = requests.get("http://localhost:3003/api/random/int?n=20")
print( out.json() )
