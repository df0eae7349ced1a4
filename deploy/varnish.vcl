vcl 4.1;
# The HTTP cache in front of the load balancer. It keeps what the app marks
# public (Cache-Control: s-maxage, stale-while-revalidate) and forgets exactly
# what changed when the app purges by surrogate key (xkey).

import std;
import xkey;

backend load_balancer {
    .host = "127.0.0.1";
    .port = "${LB_PORT}";
    # No probe: HAProxy checks the app servers; a probe through its queue
    # would call the whole site sick exactly when it is busiest.
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

acl purgers { "127.0.0.1"; "::1"; }

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) { return (synth(403, "Forbidden")); }
        # "xkey: brief-12 lists feeds": every response tagged with any of them.
        set req.http.n-gone = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") { return (pass); }
    # Editors (a session) and the admin always reach the app: read-your-writes.
    if (req.url ~ "^/admin/" || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Readers' other cookies (analytics, csrftoken) change nothing on public pages.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # The app says what may be shared and for how long; nothing else is kept.
    if (beresp.http.Cache-Control !~ "s-maxage" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, ".*stale-while-revalidate=([0-9]+).*", "\1s"), 0s);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # The keys are for this cache; a browser has no use for them.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    # What this cache may keep, a browser must ask about again (a 304 is cheap):
    # this cache is purged on a change, a browser's cannot be.
    if (resp.http.Cache-Control ~ "s-maxage") {
        set resp.http.Cache-Control = "no-cache";
    }
}
