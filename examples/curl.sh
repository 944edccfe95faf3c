#!/bin/sh
# curl: a token for Microsoft Graph as the demo daemon (client credentials), straight from
# demo.json. Run: sh examples/curl.sh   (after npm start)
set -eu
demo=${TESSERA_DEMO_JSON:-.tessera/demo.json}
value() { node -e "const d=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));const t=d.tenants.find(t=>t.applications.some(a=>a.kind==='daemon'));const a=t.applications.find(a=>a.kind==='daemon');console.log(({ca:d.caFile,token:t.authority+'/oauth2/v2.0/token',id:a.appId,secret:a.secret})[process.argv[2]])" "$demo" "$1"; }
curl --silent --show-error --fail-with-body --cacert "$(value ca)" "$(value token)" \
  -d grant_type=client_credentials -d client_id="$(value id)" \
  --data-urlencode client_secret="$(value secret)" \
  --data-urlencode scope=https://graph.microsoft.com/.default
echo
