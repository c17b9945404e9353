# rlvr-server: node:24-slim, bubblewrap and Debian's python3 for the Python sandbox, non-root.
# Build: docker build -t rlvr-server .   Run: docker run --rm -p 8000:8000 rlvr-server
# (bubblewrap needs user namespaces: depending on the host and the seccomp profile, add
# --security-opt seccomp=unconfined or an equivalent profile, or /readyz reports Python
# unavailable; see README.md.)
FROM node:24-slim

# python3-sortedcontainers: LeetCode's Python judge provides it and LeetCodeDataset's prompts
# import it; the sandbox exposes only that package of dist-packages (as .ci/run installs it).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      bubblewrap python3 python3-sortedcontainers ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
# The image's Node is already 24: skip the dev tools, among them the `node` package that only
# serves machines whose system Node is older.
RUN npm ci --omit=dev && npm cache clean --force

COPY bin ./bin
COPY src ./src
COPY graders ./graders
COPY sandboxes ./sandboxes
COPY openapi.yaml README.md ./

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin rlvr && chown -R rlvr /app
USER rlvr

ENV HOST=0.0.0.0 PORT=8000 NODE_ENV=production
EXPOSE 8000
# --no-node-snapshot: required by isolated-vm on Node >= 20. Node runs the TypeScript directly.
CMD ["node", "--no-node-snapshot", "src/cli/main.ts", "serve"]
