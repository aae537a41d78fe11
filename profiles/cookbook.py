from datetime import timedelta

from mysite.cookbook import Card

NAV = ("Profile", "profiles:me")

CARDS = [
    Card(
        title="A profile for every user",
        summary="Sign up and a post_save receiver makes your profile in the same transaction; "
        "raw fixture loads and bulk_create are handled, and old users get one too.",
        url_name="profiles:signup",
        chapter="profiles/",
        signals=("post_save",),
    ),
    Card(
        title="Login history and lock-out",
        summary="Receivers of the three auth signals keep a login history; five wrong "
        "passwords for one username from one address pause sign-in with HTTP 429.",
        url_name="login",
        chapter="profiles/lockout/",
        signals=("user_logged_in", "user_logged_out", "user_login_failed"),
    ),
]

DEMO_BIOS = {
    "alice": "Writes receivers that accept **kwargs.",
    "bob": "Still learning why raw=True matters.",
}
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile"
# (minutes ago, kind, username, IP, user agent); IPs from the documentation ranges.
DEMO_HISTORY = [
    (3 * 24 * 60, "login", "alice", "192.0.2.10", FIREFOX),
    (3 * 24 * 60 - 30, "logout", "alice", "192.0.2.10", FIREFOX),
    (26 * 60, "failed", "alice", "203.0.113.66", "curl/8.5.0"),
    (26 * 60 - 1, "failed", "alice", "203.0.113.66", "curl/8.5.0"),
    (25 * 60, "login", "alice", "198.51.100.23", PHONE),
    (2 * 60, "login", "bob", "192.0.2.44", FIREFOX),
    (90, "failed", "nobody", "203.0.113.66", "curl/8.5.0"),
]


def seed_demo(stdout):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from .models import LoginEvent, Profile
    from .services import get_profile

    users = {user.username: user for user in get_user_model().objects.all()}
    for user in users.values():
        get_profile(user)  # users made before this app have none yet
    for username, bio in DEMO_BIOS.items():
        if username in users:
            Profile.objects.filter(user=users[username], bio="").update(bio=bio)
    if not LoginEvent.objects.exists():
        now = timezone.now()
        # bulk_create sends no signals: no receiver (an exercise's, say) mails about demo rows.
        LoginEvent.objects.bulk_create(
            LoginEvent(
                at=now - timedelta(minutes=minutes),
                kind=kind,
                user=users.get(username) if kind != "failed" else None,
                username=username,
                ip=ip,
                user_agent=agent,
            )
            for minutes, kind, username, ip, agent in DEMO_HISTORY
        )
    stdout.write(f"profiles: {len(users)} profiles, {LoginEvent.objects.count()} sign-in events")
