"""Exercise 4 · Tell the staff about a new poll, after commit.

When a new `polls.Question` is saved, email every address in
`settings.STAFF_EMAILS` with the subject

    New poll: <the question text>

and the question's text in the body. Only for a *new* question, never for an
edit, and never for a row loaded from a fixture (`raw`). The email must go
only once the question's transaction commits: a question that is rolled back
announces nothing.

Check it:  python manage.py exercises check 4
"""

# Write your receiver below.
