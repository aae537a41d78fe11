"""Exercise 7 · Log failed sign-ins, safely.

Django sends `user_login_failed` with `sender`, `credentials` and `request`.
Write a receiver that logs one WARNING per failed sign-in, with the attempted
username and the address, for example:

    failed sign-in for 'alice' from 192.0.2.9

- Use `logging.getLogger(__name__)`, never `print`.
- Take the address from `profiles.services.client_ip(request)`; `request` may
  be None (`authenticate()` called without one): then write `unknown`.
- `credentials` may have no "username" at all.
- Log the username and nothing else from `credentials`. Django masks only the
  keys that *look* secret (password, token, key...), so logging the whole dict
  can still leak a one-time code.

Check it:  python manage.py exercises check 7
"""

# Write your receiver below.
