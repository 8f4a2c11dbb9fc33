-- wrk script: POST one expectReplies message activity per request to /api/messages.
-- Each connection uses its own conversation id so turns are not serialised on one conversation.
-- The texts never repeat: every question of the evaluation sets (one per line in the file given after
-- "--"), each sent with a different everyday opening and ending ("hi,", "quick question:", "thanks"),
-- so the engine's cache of repeated messages never answers one (a real site's traffic repeats only
-- suggested questions and buttons). With a second argument, each connection waits that many
-- milliseconds before each request: a fixed rate of connections * 1000 / delay turns per second.
-- A third argument, the phase (0 warm-up, 1 saturation, 2 fixed rate), starts each phase on texts of
-- its own: every wrk run starts its counters afresh, and without it the saturation run replayed the
-- warm-up's texts into the engine's cache of repeated messages (one run printed twice the real rate).
-- At the end it prints how many replies carried a checked answer (a ClaimReview entity) and how many
-- emergency advice, so a run that only measured error pages or empty replies shows it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local openings = { "", "hi, ", "quick question: ", "hey ", "so ", "ok so ", "hello! ", "can someone tell me, " }
local endings = { "", " thanks", " ??", " please", " lol", " thank you!" }
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local function escape(s)
  return (s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('[%c]', ' '))
end

function init(args)
  questions = {}
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(questions, escape(line)) end
  end
  pause = tonumber(args[2] or "0")
  -- Activity ids unique per run and thread: the host answers a re-delivered id (same channel,
  -- conversation and id within 5 minutes) from memory without running the turn again.
  math.randomseed(os.time() * 1000 + tid)
  run = string.format("%d-%d", math.random(1, 1000000000), tid)
  -- Each phase sixteen variants further on (another ending), each thread 7919 questions apart.
  n = tonumber(args[3] or "0") * 16 * #questions + tid * 7919
  answered = 0
  redflags = 0
  replies = 0
end

function delay()
  return pause
end

request = function()
  n = n + 1
  -- A large prime stride walks the list in an order that mixes its sets: any stretch of requests is
  -- like the whole (the sets are in file order, so a plain walk sent a run of triage questions only).
  local q = questions[((n * 7919) % #questions) + 1]
  local variant = math.floor(n / #questions)
  local text = openings[(variant % #openings) + 1] .. q .. endings[(math.floor(variant / #openings) % #endings) + 1]
  local body = string.format('{"type":"message","id":"m%s-%d","channelId":"webchat","serviceUrl":"http://localhost:3978","conversation":{"id":"load-%d-%d"},"from":{"id":"u%d"},"recipient":{"id":"bot"},"deliveryMode":"expectReplies","text":"%s"}', run, n, tid, n % 64, n % 64, text)
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
