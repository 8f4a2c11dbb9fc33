-- wrk script: POST one expectReplies message activity per request to /api/messages.
-- Each connection uses its own conversation id so turns are not serialised on one conversation.
-- The questions are the benchmark mix (tests/Microneedling.Benchmarks/Questions.cs): numbers,
-- typos, several claims, out of scope, red flags, a greeting. At the end it prints how many
-- replies carried a checked answer (a ClaimReview entity) and how many a red-flag message, so a
-- run that only measured error pages or empty replies shows it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local questions = {
  "is a 2mm dermaroller ok to use at home 4 times a week?",
  "does microneedling hurt",
  "can I use a derma roller while on accutane",
  "how do I clean my roller",
  "is it safe during pregnancy",
  "does it help with acne scars and stretch marks",
  "what should I put on my skin afterwards",
  "how often can i microneedel",
  "is morpheus8 safer than a normal pen",
  "is 0.25 mm ok every other day",
  "best pancake recipe",
  "hello there",
  "my face is hot and oozing pus after rolling",
  "I cant breathe and my lips are swelling",
  "will I see results after one session",
  "vampire facial at a salon, safe?",
}
local n = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  -- Activity ids unique per run and thread: the host answers a re-delivered id (same channel,
  -- conversation and id within 5 minutes) from memory without running the turn again.
  math.randomseed(os.time() * 1000 + tid)
  run = string.format("%d-%d", math.random(1, 1000000000), tid)
  answered = 0
  redflags = 0
  replies = 0
end

request = function()
  n = n + 1
  local q = questions[(n % #questions) + 1]
  local body = string.format('{"type":"message","id":"m%s-%d","channelId":"webchat","serviceUrl":"http://localhost:3978","conversation":{"id":"load-%d"},"from":{"id":"u%d"},"recipient":{"id":"bot"},"deliveryMode":"expectReplies","text":"%s"}', run, n, n % 64, n % 64, q)
  return wrk.format(nil, "/api/messages", nil, body)
end

function response(status, headers, body)
  if status ~= 200 then return end
  replies = replies + 1
  if string.find(body, "ClaimReview", 1, true) then answered = answered + 1 end
  if string.find(body, "Call your local emergency number", 1, true) then redflags = redflags + 1 end
end

function done(summary, latency, requests)
  local a, r, t = 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("answered")
    r = r + thread:get("redflags")
    t = t + thread:get("replies")
  end
  io.write(string.format("200 replies: %d, with a checked answer: %d, with emergency advice: %d\n", t, a, r))
end
