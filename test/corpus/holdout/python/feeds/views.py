import re

import requests
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from .models import Article, Feed

RECOMMENDER_URL = "https://recommender.internal.acme.io/v1/recommendations"
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _title_from(xml_text):
    match = TITLE_RE.search(xml_text)
    return match.group(1).strip()[:200] if match else "Untitled feed"


@login_required
@require_POST
def add_feed(request):
    url = request.POST.get("url", "").strip()
    resp = requests.get(url, timeout=10)  # expect: CWE-918
    feed = Feed.objects.create(owner=request.user, url=url, title=_title_from(resp.text))
    return JsonResponse({"id": feed.id, "title": feed.title}, status=201)


@login_required
@require_GET
def search(request):
    q = request.GET.get("q", "")
    articles = list(Article.objects.raw(f"SELECT * FROM feeds_article WHERE title LIKE '%{q}%' ORDER BY published DESC LIMIT 50"))  # expect: CWE-89
    if not articles:
        return HttpResponse(f"<p>No articles match <b>{q}</b></p>")  # expect: CWE-79
    return render(request, "feeds/search.html", {"articles": articles, "q": q})


@login_required
@require_GET
def search_by_author(request):
    author = request.GET.get("author", "")
    articles = Article.objects.raw("SELECT * FROM feeds_article WHERE author = %s ORDER BY published DESC LIMIT 50", [author])  # safe: CWE-89
    recent = Article.objects.filter(author__iexact=author).order_by("-published")[:5]  # safe: CWE-89
    return render(request, "feeds/search.html", {"articles": list(articles), "recent": recent, "q": author})


@require_GET
def article_teaser(request, pk):
    article = get_object_or_404(Article, pk=pk)
    teaser = mark_safe(f"<p class='teaser'>{article.summary}</p>")  # expect: CWE-79
    return render(request, "feeds/teaser.html", {"teaser": teaser, "article": article})


@require_GET
def article_card(request, pk):
    article = get_object_or_404(Article, pk=pk)
    card = format_html("<div class='card'><h3>{}</h3><p>{}</p></div>", article.title, article.summary)  # safe: CWE-79
    return HttpResponse(card)  # safe: CWE-79


@login_required
def recommendations(request):
    resp = requests.get(RECOMMENDER_URL, params={"user": request.user.id}, timeout=5)  # safe: CWE-918
    return JsonResponse(resp.json(), safe=False)


def go(request):
    nxt = request.GET.get("next", "/")
    return HttpResponseRedirect(nxt)  # expect: CWE-601


def after_logout(request):
    nxt = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        nxt = settings.LOGIN_URL
    return redirect(nxt)  # safe: CWE-601
