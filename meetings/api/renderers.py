"""The API's JSON, written by orjson.

A page of a hundred sessions with their evidence is a quarter of a megabyte of JSON; the
standard library's encoder (which REST framework's renderer uses) spent about a sixth of
the request writing it, orjson a tenth of that. The output is the same JSON: compact,
UTF-8, U+2028 and U+2029 escaped as REST framework escapes them, dates and other values
the standard encoder would not take written by REST framework's own encoder.
"""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

# Dates and times go to REST framework's encoder, which writes them as the rest of the
# API has always written them (milliseconds, "Z" for UTC); orjson's own form differs.
OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
_standard = JSONEncoder()


class FastJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=_standard.default, option=OPTIONS)
        except orjson.JSONEncodeError:
            # What orjson refuses and the standard encoder takes (integers beyond 64
            # bits): the standard renderer decides.
            return super().render(data, accepted_media_type, renderer_context)
        # As REST framework does, so that the JSON is also valid JavaScript.
        return body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
