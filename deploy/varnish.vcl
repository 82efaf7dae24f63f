# Varnish in front of Folio's app servers: whole public pages, dropped on every change.
#
# The app marks the pages every reader may share with `Surrogate-Control:
# max-age=N` (core/pagecache.py) and sends `BAN /` from 127.0.0.1 (or the
# app servers' addresses in `purgers` below) after each change readers can
# see (core/frontcache.py, FOLIO_FRONT_CACHES). The rules here match the app's
# page cache: personal cookies, reply links, search and private paths go to
# the app; only the page parameters are part of a page's key.
vcl 4.1;

import std;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
}

sub vcl_recv {
    # varnishd appends the address that connected to it, the TLS proxy on
    # this machine, to X-Forwarded-For. Take it off again, so that the last
    # address stays the client's as the proxy wrote it (the app reads it with
    # FOLIO_TRUST_X_FORWARDED_FOR=true; rate limits count by it).
    if (client.ip ~ purgers && req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",\s*[^,]*$", "");
    }
    if (req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.status != 0");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|accounts|dashboard|moderation|comments|search|preview|static|media)/"
        || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.url ~ "[?&](replyto|q)=") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|folio_commenter)="
        && req.url !~ "(^|/)feed/(\?|$)|^/sitemap\.xml|^/robots\.txt") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(regsub(req.url, "\?.*$", ""));
    if (req.url ~ "[?&]page=\d+") {
        hash_data(regsub(req.url, "^.*[?&](page=\d+).*$", "\1"));
    }
    if (req.url ~ "[?&]cpage=\d+") {
        hash_data(regsub(req.url, "^.*[?&](cpage=\d+).*$", "\1"));
    }
    hash_data(req.http.host);
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Control ~ "max-age=\d+" && !beresp.http.Set-Cookie) {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=(\d+).*$", "\1s"), 0s);
        set beresp.grace = 0s;
        set beresp.http.Vary = "Accept-Encoding";
        unset beresp.http.Surrogate-Control;
        return (deliver);
    }
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "HIT";
    } else {
        set resp.http.X-Front-Cache = "MISS";
    }
}
