"""Importers for partner payloads (snapshots, manifests, invoices, rule plugins)."""

import ast
import base64
import json
import logging
import pickle
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as SafeET
import yaml
from lxml import etree

log = logging.getLogger(__name__)


class ImportFailed(Exception):
    pass


class PayloadImporter:
    def __init__(self, storage, rules_namespace=None):
        self.storage = storage
        self.rules_namespace = rules_namespace or {}

    def load_snapshot(self, blob: bytes):
        raw = base64.b64decode(blob)
        return pickle.loads(raw)  # expect: CWE-502

    def load_manifest(self, text: str):
        return yaml.load(text, Loader=yaml.Loader)  # expect: CWE-502

    def load_settings(self, text: str):
        return yaml.safe_load(text) or {}  # safe: CWE-502

    def load_events(self, text: str):
        return [json.loads(line) for line in text.splitlines() if line.strip()]  # safe: CWE-502

    def parse_invoice_xml(self, data: bytes):
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=True, load_dtd=True))  # expect: CWE-611
        return {child.tag: child.text for child in root}

    def parse_vendor_feed(self, data: bytes):
        root = SafeET.fromstring(data)  # safe: CWE-611
        return [item.attrib for item in root.iter("item")]

    def parse_status_ping(self, data: str):
        root = ET.fromstring(data)  # safe: CWE-611
        return root.findtext("status", default="unknown")

    def evaluate_rule(self, expression: str, record: dict):
        return eval(expression, {"__builtins__": {}}, record)  # expect: CWE-95

    def parse_threshold(self, text: str):
        value = ast.literal_eval(text)  # safe: CWE-95
        if not isinstance(value, (int, float)):
            raise ImportFailed("threshold must be numeric")
        return value

    def install_plugin(self, plugin_name: str, source: str):
        namespace = dict(self.rules_namespace)
        exec(compile(source, f"<plugin {plugin_name}>", "exec"), namespace)  # expect: CWE-95
        if "transform" not in namespace:
            raise ImportFailed(f"plugin {plugin_name} has no transform()")
        return namespace["transform"]

    def import_batch(self, kind: str, payload):
        handlers = {
            "snapshot": self.load_snapshot,
            "manifest": self.load_manifest,
            "settings": self.load_settings,
            "events": self.load_events,
            "invoice": self.parse_invoice_xml,
            "vendor": self.parse_vendor_feed,
        }
        handler = handlers.get(kind)
        if handler is None:
            raise ImportFailed(f"unknown payload kind: {kind}")
        result = handler(payload)
        self.storage.save(kind, result)
        log.info("imported %s payload", kind)
        return result
