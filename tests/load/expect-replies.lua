-- wrk script: POST one expectReplies message activity per request to /api/messages.
-- Each connection uses its own conversation id so turns are not serialised on one conversation.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local questions = {
  "is home rolling 3-5 times a week safe?",
  "what needle length is safe at home",
  "can I microneedle on accutane",
  "do 2 mm needles only reach the top layer?",
}
local n = 0
request = function()
  n = n + 1
  local q = questions[(n % #questions) + 1]
  local body = string.format('{"type":"message","id":"m%d","channelId":"webchat","serviceUrl":"http://localhost:3978","conversation":{"id":"load-%d"},"from":{"id":"u%d"},"recipient":{"id":"bot"},"deliveryMode":"expectReplies","text":"%s"}', n, n % 64, n % 64, q)
  return wrk.format(nil, "/api/messages", nil, body)
end
