"""Profile pages, e-mail template previews and notification banners."""
from flask import Blueprint, render_template, render_template_string, request
from jinja2 import Environment, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .models import Profile, get_profile

pages = Blueprint("pages", __name__)
sandbox = SandboxedEnvironment(autoescape=True)
email_env = Environment(autoescape=select_autoescape(["html"]))

GREETING = "<h1>Hello {{ name }}!</h1><p>You have {{ count }} new messages.</p>"


@pages.get("/hello")
def hello():
    name = request.args.get("name", "guest")
    return render_template_string(f"<h1>Hello {name}!</h1>")  # expect: CWE-1336


@pages.get("/hello/v2")
def hello_v2():
    name = request.args.get("name", "guest")
    return render_template_string(GREETING, name=name, count=0)  # safe: CWE-1336, CWE-79


@pages.get("/hello/v3")
def hello_v3():
    return render_template("hello.html", name=request.args.get("name", "guest"))  # safe: CWE-1336, CWE-79


@pages.post("/emails/preview")
def preview_email():
    body = request.form["template"]
    subject = request.form.get("subject", "")
    tpl = Template(body)  # expect: CWE-1336
    return {"subject": subject, "html": tpl.render(first_name="Ada", plan="Pro")}


@pages.post("/emails/preview/v2")
def preview_email_v2():
    page = "<h2>" + request.form.get("headline", "") + "</h2>" + request.form["template"]
    html = email_env.from_string(page).render(first_name="Ada")  # expect: CWE-1336
    return {"html": html}


@pages.post("/emails/preview/v3")
def preview_email_v3():
    html = email_env.get_template("campaign.html").render(headline=request.form.get("headline", ""))  # safe: CWE-1336
    return {"html": html}


@pages.get("/users/<int:user_id>")
def profile(user_id):
    p: Profile = get_profile(user_id)
    return render_template_string("<div class='bio'>{{ bio|safe }}</div>", bio=p.bio)  # expect: CWE-79; safe: CWE-1336


@pages.get("/users/<int:user_id>/card")
def profile_card(user_id):
    p = get_profile(user_id)
    return render_template_string("<div class='bio'>{{ bio }}</div>", bio=p.bio)  # safe: CWE-79, CWE-1336


@pages.get("/banner")
def banner():
    message = request.args.get("msg", "")
    return render_template("layout.html", banner=Markup(f"<strong>{message}</strong>"))  # expect: CWE-79


@pages.get("/banner/v2")
def banner_v2():
    message = request.args.get("msg", "")
    return render_template("layout.html", banner=Markup("<strong>{}</strong>").format(message))  # safe: CWE-79


@pages.get("/banner/v3")
def banner_v3():
    message = escape(request.args.get("msg", ""))
    return render_template("layout.html", banner=Markup("<strong>") + message + Markup("</strong>"))  # safe: CWE-79


@pages.post("/reports/custom")
def custom_report():
    layout = request.get_json()["layout"]
    source = "{% extends 'report_base.html' %}" + layout
    return render_template_string(source, rows=[])  # expect: CWE-1336


def render_signature(user):
    """Signatures are free text typed by the user in their settings page."""
    return Markup(user.signature)  # expect: CWE-79


def render_widget(widget_source, context):
    """Admin-authored dashboard widgets, rendered in the sandbox."""
    return sandbox.from_string(widget_source).render(**context)  # safe: CWE-1336
