"""MSAL for Python (Debian python3-msal), unmodified, as a client of Tessera.

Reads one JSON request on stdin and prints one JSON result on stdout, so the Node test drives it
without a shell. The CA comes from REQUESTS_CA_BUNDLE (set by the test), as users are told.
"""
import json
import sys

import msal


def user_realm(request):
    # What acquire_token_by_username_password does first (msal application.py). MSAL builds the
    # URL from the authority's host without its port (spec/clients.md), so put the port back.
    app = msal.PublicClientApplication(request["client_id"], authority=request["authority"], instance_discovery=False)
    app.authority.instance = request["netloc"]
    json.dump(app.authority.user_realm_discovery(request["username"]), sys.stdout)


def main():
    request = json.load(sys.stdin)
    if request.get("mode") == "userrealm":
        return user_realm(request)
    credential = request["credential"]
    if "certificate" in credential:
        credential = {"private_key": credential["certificate"]["private_key"], "thumbprint": credential["certificate"]["thumbprint"]}
    else:
        credential = credential["secret"]
    app = msal.ConfidentialClientApplication(
        request["client_id"],
        authority=request["authority"],
        client_credential=credential,
        # Tessera is not one of Microsoft's hosts: no instance discovery (spec/clients.md).
        instance_discovery=False,
    )
    result = app.acquire_token_for_client(scopes=request["scopes"])
    json.dump({k: result.get(k) for k in ("access_token", "token_type", "expires_in", "error", "error_description", "error_codes")}, sys.stdout)


if __name__ == "__main__":
    main()
