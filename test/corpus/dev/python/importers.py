"""Import endpoints (Django views): saved carts, pipeline configs and supplier XML catalogues."""
import base64
import json
import pickle

import jsonpickle
import yaml
from defusedxml import ElementTree as SafeET
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree

from .models import Cart, Pipeline, Product


@require_POST
def restore_cart(request: HttpRequest):
    blob = base64.b64decode(request.COOKIES.get("saved_cart", ""))
    cart = pickle.loads(blob)  # expect: CWE-502
    return JsonResponse({"items": len(cart.items)})


@require_POST
def restore_cart_v2(request: HttpRequest):
    data = json.loads(base64.b64decode(request.COOKIES.get("saved_cart", "")) or "{}")  # safe: CWE-502
    cart = Cart.from_dict(data)
    return JsonResponse({"items": len(cart.items)})


@require_POST
def upload_snapshot(request: HttpRequest):
    state = pickle.loads(request.body)  # expect: CWE-502
    return JsonResponse({"keys": sorted(state)})


@require_POST
def import_pipeline(request: HttpRequest):
    config = yaml.load(request.body)  # expect: CWE-502
    Pipeline.objects.create(name=config["name"], steps=config["steps"])
    return JsonResponse({"ok": True})


@require_POST
def import_pipeline_full(request: HttpRequest):
    config = yaml.load(request.body.decode("utf-8"), Loader=yaml.Loader)  # expect: CWE-502
    return JsonResponse({"steps": len(config.get("steps", []))})


@require_POST
def import_pipeline_v2(request: HttpRequest):
    config = yaml.safe_load(request.body)  # safe: CWE-502
    Pipeline.objects.create(name=config["name"], steps=config["steps"])
    return JsonResponse({"ok": True})


@require_POST
def import_pipeline_v3(request: HttpRequest):
    config = yaml.load(request.body, Loader=yaml.SafeLoader)  # safe: CWE-502
    return JsonResponse({"steps": len(config.get("steps", []))})


@require_POST
def import_state(request: HttpRequest):
    state = jsonpickle.decode(request.body.decode("utf-8"))  # expect: CWE-502
    return JsonResponse({"type": type(state).__name__})


@require_POST
def import_catalogue(request: HttpRequest):
    root = etree.fromstring(request.body, etree.XMLParser(resolve_entities=True, load_dtd=True))  # expect: CWE-611
    created = [Product.objects.create(sku=el.findtext("sku"), name=el.findtext("name")) for el in root.iter("product")]
    return JsonResponse({"created": len(created)})


@require_POST
def import_catalogue_v2(request: HttpRequest):
    root = SafeET.fromstring(request.body)  # safe: CWE-611
    created = [Product.objects.create(sku=el.findtext("sku"), name=el.findtext("name")) for el in root.iter("product")]
    return JsonResponse({"created": len(created)})


@require_POST
def import_catalogue_v3(request: HttpRequest):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)  # safe: CWE-611
    root = etree.fromstring(request.body, parser)  # safe: CWE-611
    return JsonResponse({"products": len(root.findall(".//product"))})


def load_fixture(text):
    """Helper for the admin 'paste fixture' form."""
    return yaml.load(text, Loader=yaml.UnsafeLoader)  # expect: CWE-502
