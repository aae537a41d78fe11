"""Exercise 5 · Remember the last sign-in IP on the profile.

When a user signs in, Django sends `user_logged_in` with `sender`, `request`
and `user`. Write a receiver that stores the address the sign-in came from
in the user's `Profile.last_login_ip`, so the profile page can show it.

- Get the address with `profiles.services.client_ip(request)`: it reads
  `REMOTE_ADDR`, and X-Forwarded-For only behind a trusted proxy.
- Get the profile with `profiles.services.get_profile(user)`: a user made by
  `bulk_create` has none yet, and `user.profile` would raise.
- Save only that field.
- The signal can be sent by hand with `request=None`: then change nothing.

Check it:  python manage.py exercises check 5
"""

# Write your receiver below.
