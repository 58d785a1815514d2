"""Storefront views: product search, order lookup, login redirects and a search results page."""
from django.contrib.auth import authenticate, login
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from .models import Order, Product


@require_GET
def search(request: HttpRequest):
    q = request.GET.get("q", "")
    products = Product.objects.raw(f"SELECT * FROM shop_product WHERE name ILIKE '%{q}%' AND active")  # expect: CWE-89
    return render(request, "shop/search.html", {"products": products, "q": q})


@require_GET
def search_v2(request: HttpRequest):
    q = request.GET.get("q", "")
    products = Product.objects.filter(name__icontains=q, active=True)[:50]  # safe: CWE-89
    return render(request, "shop/search.html", {"products": products, "q": q})  # safe: CWE-79


@require_GET
def search_v3(request: HttpRequest):
    q = request.GET.get("q", "")
    products = Product.objects.raw("SELECT * FROM shop_product WHERE name ILIKE %s AND active", [f"%{q}%"])  # safe: CWE-89
    return render(request, "shop/search.html", {"products": products, "q": q})


@require_GET
def order_status(request: HttpRequest, order_ref: str):
    with connection.cursor() as cursor:
        cursor.execute("SELECT status, updated_at FROM shop_order WHERE reference = '%s'" % order_ref)  # expect: CWE-89
        row = cursor.fetchone()
    return JsonResponse({"status": row[0] if row else None})


@require_GET
def order_status_v2(request: HttpRequest, order_ref: str):
    with connection.cursor() as cursor:
        cursor.execute("SELECT status, updated_at FROM shop_order WHERE reference = %s", [order_ref])  # safe: CWE-89
        row = cursor.fetchone()
    return JsonResponse({"status": row[0] if row else None})


@require_GET
def sku_report(request: HttpRequest):
    skus = request.GET.getlist("sku")
    in_list = ",".join(f"'{s}'" for s in skus)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sku, sum(qty) FROM shop_orderline WHERE sku IN (" + in_list + ") GROUP BY sku")  # expect: CWE-89
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


@require_POST
def login_view(request: HttpRequest):
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return HttpResponseBadRequest("invalid credentials")
    login(request, user)
    return redirect(request.GET.get("next", "/"))  # expect: CWE-601


@require_POST
def login_view_v2(request: HttpRequest):
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return HttpResponseBadRequest("invalid credentials")
    login(request, user)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    return redirect(next_url)  # safe: CWE-601


@require_GET
def logout_done(request: HttpRequest):
    return redirect("shop:home")  # safe: CWE-601


@require_GET
def no_results(request: HttpRequest):
    term = request.GET.get("q", "")
    return HttpResponse(f"<p>No products match <em>{term}</em>.</p>")  # expect: CWE-79


@require_GET
def no_results_v2(request: HttpRequest):
    term = request.GET.get("q", "")
    return HttpResponse(format_html("<p>No products match <em>{}</em>.</p>", term))  # safe: CWE-79


@require_GET
def no_results_v3(request: HttpRequest):
    return HttpResponse("<p>No products match <em>" + escape(request.GET.get("q", "")) + "</em>.</p>")  # safe: CWE-79


def recent_orders_for(email):
    """Used by the support tooling with the e-mail address an agent typed in."""
    return list(Order.objects.raw("SELECT * FROM shop_order WHERE email = '" + email + "' ORDER BY created DESC"))  # expect: CWE-89
