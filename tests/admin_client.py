"""Drive the admin like a browser: CSRF enforced, forms read back from the page."""

from html.parser import HTMLParser

from django.contrib.auth.models import Group, User
from django.test import Client

from briefs.editorial.roles import CONTRIBUTOR, EDITOR


def make_user(role=None, *, superuser=False, username=None):
    username = username or (role or ("admin" if superuser else "nobody")).lower()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "x")
    user = User.objects.create_user(username, password="x", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def client_for(user=None):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def contributor():
    return make_user(CONTRIBUTOR)


def editor():
    return make_user(EDITOR)


class FormReader(HTMLParser):
    """The values a browser would submit from the page's main form."""

    def __init__(self):
        super().__init__()
        self.data = {}
        self.select = None
        self.multiple = False
        self.textarea = None
        self.option_value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self.select = name
            # A multiple select posts each chosen option, as a browser does.
            self.multiple = "multiple" in attrs
            self.data.setdefault(name, [] if self.multiple else "")
        elif tag == "option" and self.select and "selected" in attrs:
            if self.multiple:
                self.data[self.select].append(attrs.get("value", ""))
            else:
                self.data[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def form_data(response):
    reader = FormReader()
    reader.feed(response.content.decode())
    data = reader.data
    # The page's other forms (logout, search) are not part of the change form.
    data.pop("q", None)
    # A browser strips the one newline that follows <textarea>.
    for key, value in data.items():
        if isinstance(value, str) and value.startswith("\n"):
            data[key] = value[1:]
    return data
