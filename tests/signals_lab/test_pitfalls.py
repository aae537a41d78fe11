"""The wrong listings of common signals tutorials, each shown failing.

Each test keeps the tutorial's code inside the test, proves what goes wrong,
and (where it fits in a few lines) shows the fix. The docs chapter "Pitfalls
in common tutorial code" includes these sections.
"""

import importlib.util
import sys

import pytest
from django.apps.registry import Apps
from django.core import mail, serializers
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from .pitfall_models import MODELS, Counter, Member, MemberProfile


class Rollback(Exception):
    pass


@pytest.fixture
def tables(temporary_tables):
    temporary_tables(*MODELS)


# --8<-- [start:providing_args]
def test_providing_args_was_removed_in_django_4():
    with pytest.raises(TypeError):
        Signal(providing_args=["order", "user"])  # the tutorial's line
    order_placed = Signal()  # today: document the arguments in a docstring instead
    assert order_placed.send(sender=None, order=1, user=2) == []


# --8<-- [end:providing_args]


# --8<-- [start:default_app_config]
APPS_PY = """
from django.apps import AppConfig

class FirstConfig(AppConfig):
    name = "{package}"

class SignalsConfig(AppConfig):
    name = "{package}"

    def ready(self):
        import {package}.signals  # noqa: F401
"""


def test_default_app_config_is_ignored(tmp_path, monkeypatch):
    package = tmp_path / "tutorial_app"
    package.mkdir()
    # The tutorial's line: Django 4.1 stopped reading it; nothing picks SignalsConfig.
    (package / "__init__.py").write_text(
        'default_app_config = "tutorial_app.apps.SignalsConfig"\n'
    )
    (package / "apps.py").write_text(APPS_PY.format(package="tutorial_app"))
    (package / "signals.py").write_text("LOADED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        registry = Apps(installed_apps=["tutorial_app"])
        config = registry.get_app_config("tutorial_app")
        assert type(config).__name__ == "AppConfig"  # neither of the two configs
        assert "tutorial_app.signals" not in sys.modules  # so ready() never ran
    finally:
        for name in [n for n in sys.modules if n.startswith("tutorial_app")]:
            del sys.modules[name]


# --8<-- [end:default_app_config]


# --8<-- [start:profile_save]
def test_saving_a_user_without_a_profile_crashes(tables):
    # An account made before the receivers existed (or by bulk_create, or a fixture).
    (member,) = Member.objects.bulk_create([Member(name="old account")])

    def create_profile(sender, instance, created, **kwargs):
        if created:
            MemberProfile.objects.create(member=instance)

    def save_profile(sender, instance, **kwargs):
        instance.profile.save()  # the tutorial's line: assumes every member has one

    post_save.connect(create_profile, sender=Member)
    post_save.connect(save_profile, sender=Member)
    try:
        member = Member.objects.get()
        with pytest.raises(MemberProfile.DoesNotExist):
            member.save()  # any later save of that account: a 500 on every profile edit
    finally:
        post_save.disconnect(create_profile, sender=Member)
        post_save.disconnect(save_profile, sender=Member)


# --8<-- [end:profile_save]


# --8<-- [start:lost_update]
def test_count_plus_one_loses_updates(tables):
    Counter.objects.create()
    first, second = Counter.objects.get(), Counter.objects.get()  # two requests at once
    first.count += 1  # the tutorial's "order_count += 1; save()"
    first.save()
    second.count += 1
    second.save()
    assert Counter.objects.get().count == 1, "two increments, one counted"

    Counter.objects.update(count=F("count") + 1)  # the database adds: nothing is lost
    Counter.objects.update(count=F("count") + 1)
    assert Counter.objects.get().count == 3


# --8<-- [end:lost_update]


# --8<-- [start:recursion]
def test_saving_the_instance_in_its_own_post_save_recurses(tables):
    def touch(sender, instance, **kwargs):
        instance.count = 1
        instance.save()  # the tutorial's line: sends post_save again, and again…

    post_save.connect(touch, sender=Counter)
    try:
        with pytest.raises(RecursionError):
            Counter.objects.create()
    finally:
        post_save.disconnect(touch, sender=Counter)


# --8<-- [end:recursion]


# --8<-- [start:email_before_commit]
def test_an_email_sent_in_post_save_goes_out_for_a_rolled_back_row(tables, mailoutbox):
    def welcome(sender, instance, created, **kwargs):
        if created:
            # The tutorial's way:
            send_mail("Welcome", "Hello!", None, ["new@example.com"])

    post_save.connect(welcome, sender=Member)
    try:
        with pytest.raises(Rollback), transaction.atomic():
            Member.objects.create(name="never saved")
            raise Rollback  # say the payment failed
    finally:
        post_save.disconnect(welcome, sender=Member)
    assert not Member.objects.exists()
    assert len(mail.outbox) == 1, "the welcome email went to someone who has no account"


# --8<-- [end:email_before_commit]


# --8<-- [start:never_imported]
RECEIVERS_PY = """
from django.dispatch import receiver
from tests.signals_lab.test_pitfalls import order_paid

@receiver(order_paid{uid})
def thank_customer(sender, **kwargs):
    return "thanked"
"""

order_paid = Signal()


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_receivers_module_nobody_imports_connects_nothing(tmp_path):
    path = tmp_path / "signals.py"
    path.write_text(RECEIVERS_PY.format(uid=""))
    # The file exists, nothing ran, and no error either:
    assert order_paid.send(sender=None) == []
    module = load_module("shop_signals", path)  # what ready()'s import does
    try:
        assert [response for _, response in order_paid.send(sender=None)] == ["thanked"]
    finally:
        order_paid.disconnect(module.thank_customer)


# --8<-- [end:never_imported]


# --8<-- [start:duplicate_connections]
def test_a_module_imported_twice_connects_its_receiver_twice(tmp_path):
    path = tmp_path / "signals.py"
    path.write_text(RECEIVERS_PY.format(uid=""))
    # The same file under two names (say "signals" and "shop.signals"): two functions.
    first, second = load_module("signals", path), load_module("shop.signals", path)
    try:
        assert len(order_paid.send(sender=None)) == 2, "the customer is thanked twice"
    finally:
        order_paid.disconnect(first.thank_customer)
        order_paid.disconnect(second.thank_customer)

    path.write_text(RECEIVERS_PY.format(uid=', dispatch_uid="shop.thank_customer"'))
    load_module("signals", path), load_module("shop.signals", path)
    try:
        assert len(order_paid.send(sender=None)) == 1, "dispatch_uid keeps one"
    finally:
        order_paid.disconnect(dispatch_uid="shop.thank_customer")


# --8<-- [end:duplicate_connections]


# --8<-- [start:raw_loaddata]
def load_fixture():
    # What `loaddata` does with a fixture holding a member and its profile: each
    # object is saved raw (save_base(raw=True)), in one transaction.
    fixture = [Member(pk=1, name="ada"), MemberProfile(pk=7, member_id=1, bio="hi")]
    with transaction.atomic():
        for obj in fixture:
            serializers.base.DeserializedObject(obj).save()


def test_a_receiver_that_ignores_raw_breaks_loaddata(tables):
    def create_profile(sender, instance, created, **kwargs):  # the tutorial's receiver
        if created:
            MemberProfile.objects.create(member=instance)

    post_save.connect(create_profile, sender=Member)
    try:
        with pytest.raises(IntegrityError):
            load_fixture()  # the receiver made a profile; the fixture's own clashes
    finally:
        post_save.disconnect(create_profile, sender=Member)


def test_a_receiver_that_skips_raw_saves_loads_the_fixture(tables):
    def create_profile(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            MemberProfile.objects.create(member=instance)

    post_save.connect(create_profile, sender=Member)
    try:
        load_fixture()
    finally:
        post_save.disconnect(create_profile, sender=Member)
    assert MemberProfile.objects.get().bio == "hi"


# --8<-- [end:raw_loaddata]


# --8<-- [start:bulk_operations]
def test_bulk_operations_send_no_save_signals(tables):
    saved = []

    @receiver(post_save, sender=Counter)
    def count_saves(sender, **kwargs):
        saved.append(kwargs["instance"])

    try:
        Counter.objects.bulk_create([Counter(), Counter()])
        Counter.objects.update(count=5)
        Counter.objects.bulk_update(list(Counter.objects.all()), ["count"])
        assert saved == [], "bulk_create, update() and bulk_update() sent no post_save"
        Counter.objects.create()
        assert len(saved) == 1, "save() does"
    finally:
        post_save.disconnect(count_saves, sender=Counter)


# --8<-- [end:bulk_operations]
