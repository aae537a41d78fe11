"""The greeting test of "Testing code that uses signals", in Django's own TestCase."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase


# --8<-- [start:testcase_capture]
class GreetingTests(TestCase):
    def test_the_greeting_waits_for_the_commit(self):
        # TestCase wraps each test in a transaction that never commits, too.
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            get_user_model().objects.create_user("newcomer", email="new@example.com")
        self.assertEqual(len(callbacks), 1)  # one greeting, queued for the commit
        self.assertEqual(mail.outbox, [])  # nothing sent before it

        with self.captureOnCommitCallbacks(execute=True):
            get_user_model().objects.create_user("second", email="second@example.com")
        self.assertEqual([m.to for m in mail.outbox], [["second@example.com"]])


# --8<-- [end:testcase_capture]
