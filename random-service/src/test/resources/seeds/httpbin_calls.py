# seeds/003 "Côté client", "Les requêtes !": the course's requests calls to httpbin.org,
# verbatim. The test replaces http://httpbin.org with the service's /api/echo, the
# httpbin-style request echo.
import requests

get_out = requests.get("http://httpbin.org/get")
print( get_out.content.decode())

get_out = requests.get("http://httpbin.org/get?a=10&b=100")
print( get_out.content.decode())

post_out = requests.post("http://httpbin.org/post", data={"name": "Basile Marchand", "mail": "basile.marchand@mines-paristech.fr"})
print(post_out.content.decode())

delete_out = requests.delete("http://httpbin.org/delete")
print(delete_out.content.decode())
