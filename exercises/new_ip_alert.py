"""Exercise 6 · Email the user when a sign-in comes from a new IP.

Every sign-in becomes a `profiles.models.LoginEvent` row (kind "login") saved
by a receiver of `user_logged_in`. React to *that* row with `post_save`:

- only a new row (`created`), never a fixture (`raw`), only kind "login";
- only a user with an email address;
- only if the user has signed in before, and never from this IP: the very
  first sign-in has nothing to compare with;
- send one email to the user with the subject

      New sign-in to your account

  and the IP in the body (never a password: you don't have one anyway);
- only once the transaction commits (`transaction.on_commit`): a rolled-back
  row sends nothing.

Check it:  python manage.py exercises check 6
"""

# Write your receiver below.
