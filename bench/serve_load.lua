-- wrk script for bench/serve_load.sh: spread requests over the paths in
-- $PATHS_FILE (one site path a line), round-robin per thread.
local paths = {}
local i = 0

function init(args)
    local f = io.open(os.getenv("PATHS_FILE"), "r")
    for line in f:lines() do
        paths[#paths + 1] = line
    end
    f:close()
    i = math.random(#paths)
end

function request()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
