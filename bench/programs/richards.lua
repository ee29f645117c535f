--! what: an operating-system scheduler simulation (Richards-like): objects, queues, dispatch
--! size: small=20 default=3000
local rounds = tonumber(arg and arg[1]) or 3000

-- Tasks sit on a priority-ordered list; each holds a queue of packets and
-- runs when it is neither held nor waiting with an empty queue. Running a
-- task returns the task to switch to. Four kinds: an idle task that wakes the
-- devices, a worker that fills packets, handlers that pass packet contents to
-- devices, and devices that echo them back.

local Packet = {}
Packet.__index = Packet

function Packet.new(link, owner, kind)
    return setmetatable({ link = link, owner = owner, kind = kind, datum = 0, data = { 0, 0, 0, 0 } }, Packet)
end

-- Appends self at the end of the queue `head` and returns the new head.
function Packet:append(head)
    self.link = nil
    if not head then return self end
    local p = head
    while p.link do p = p.link end
    p.link = self
    return head
end

local Task = {}
Task.__index = Task

local sched = { list = nil, current = nil, byid = {}, holds = 0, queued = 0 }

function Task.new(id, priority, queue, run, state)
    local t = setmetatable({
        id = id, priority = priority, queue = queue, run = run, state = state,
        held = false, waiting = queue == nil,
    }, Task)
    -- Keep the list ordered by priority, highest first.
    if not sched.list or sched.list.priority < priority then
        t.next = sched.list
        sched.list = t
    else
        local p = sched.list
        while p.next and p.next.priority >= priority do p = p.next end
        t.next, p.next = p.next, t
    end
    sched.byid[id] = t
    return t
end

function Task:runnable()
    return not self.held and not (self.waiting and self.queue == nil)
end

-- Gives packet `p` to the task it names; returns the task to run next.
function Task:send(p)
    local to = sched.byid[p.owner]
    sched.queued = sched.queued + 1
    p.owner = self.id
    local was_empty = to.queue == nil
    to.queue = p:append(to.queue)
    if was_empty and to.waiting then
        to.waiting = false
        if to.priority > self.priority then return to end
    end
    return self
end

function Task:hold()
    sched.holds = sched.holds + 1
    self.held = true
    return self.next
end

function Task:release(id)
    local t = sched.byid[id]
    t.held = false
    if t.priority > self.priority then return t end
    return self
end

function Task:wait()
    self.waiting = true
    return self
end

-- Takes the first packet off the task's queue.
function Task:take()
    local p = self.queue
    if p then self.queue = p.link end
    return p
end

local IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = 1, 2, 3, 4, 5, 6
local DATA_SIZE = 4

local function idle(self)
    local st = self.state
    st.count = st.count - 1
    if st.count == 0 then return self:hold() end
    if st.seed % 2 == 0 then
        st.seed = math.floor(st.seed / 2)
        return self:release(DEVICE_A)
    end
    st.seed = (st.seed * 3 + 1) % 65536
    return self:release(DEVICE_B)
end

local function worker(self)
    local p = self:take()
    if not p then return self:wait() end
    local st = self.state
    st.handler = st.handler == HANDLER_A and HANDLER_B or HANDLER_A
    p.owner = st.handler
    p.datum = 1
    for i = 1, DATA_SIZE do
        st.letter = st.letter % 26 + 1
        p.data[i] = st.letter
    end
    return self:send(p)
end

local function handler(self)
    local st = self.state
    local p = self:take()
    while p do
        if p.kind == "work" then st.work = p:append(st.work) else st.devs = p:append(st.devs) end
        p = self:take()
    end
    local work = st.work
    if work then
        local count = work.datum
        if count > DATA_SIZE then
            st.work = work.link
            return self:send(work)
        end
        local dev = st.devs
        if dev then
            st.devs = dev.link
            dev.datum = work.data[count]
            work.datum = count + 1
            return self:send(dev)
        end
    end
    return self:wait()
end

local function device(self)
    local st = self.state
    local p = self:take()
    if p then
        st.pending = p
        return self:hold()
    end
    p = st.pending
    if not p then return self:wait() end
    st.pending = nil
    st.echoed = st.echoed + p.datum
    return self:send(p)
end

local echoed = 0
for round = 1, rounds do
    sched.list, sched.byid = nil, {}
    Task.new(IDLE, 0, nil, idle, { count = 100, seed = round })
    local wq = Packet.new(nil, WORKER, "work")
    wq = Packet.new(wq, WORKER, "work")
    Task.new(WORKER, 1000, wq, worker, { handler = HANDLER_A, letter = 0 })
    for _, id in ipairs({ HANDLER_A, HANDLER_B }) do
        local dev = id == HANDLER_A and DEVICE_A or DEVICE_B
        local q = Packet.new(nil, dev, "device")
        q = Packet.new(q, dev, "device")
        q = Packet.new(q, dev, "device")
        Task.new(id, 2000 + id, q, handler, {})
    end
    for _, id in ipairs({ DEVICE_A, DEVICE_B }) do
        Task.new(id, 4000 + id, nil, device, { echoed = 0 })
    end
    -- Tasks with an empty queue start waiting, except the idle task.
    sched.byid[IDLE].waiting = false
    local t = sched.list
    while t do
        if t:runnable() then t = t:run() else t = t.next end
    end
    echoed = echoed + sched.byid[DEVICE_A].state.echoed + sched.byid[DEVICE_B].state.echoed
end
print(sched.queued, sched.holds, echoed)
