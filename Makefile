# The two commands of the quick start: `make demo` and `make test`.
# Both install (npm ci) when node_modules is missing or older than the lock file.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export NX_DAEMON := false
export NX_NO_CLOUD := true

node_modules/.package-lock.json: package.json package-lock.json
	npm ci
	@touch $@

.PHONY: help install build lint typecheck unit test demo clean proto
help:
	@echo "make demo   simulate a world, run the engine on the embedded store, show what it learned"
	@echo "make test   lint, type-check and run the whole test suite"

install: node_modules/.package-lock.json

build: install
	npm run --silent build

lint: install
	npx nx show projects >/dev/null
	npx eslint .
	npx prettier --check .

typecheck: install
	npx tsc -p tsconfig.json --noEmit

# The suite takes about 5 minutes on 2 cores; a hang (a test leaving a process or handle
# open) fails after 30 minutes with a message instead of running into CI's 90-minute limit.
unit: build
	timeout 30m npx jest --ci || { code=$$?; [ $$code -eq 124 ] && echo "jest did not finish within 30 minutes: a test left something running" >&2; exit $$code; }

test: build lint typecheck unit

demo: build
	bash tools/demo.sh

# Regenerates libs/proto/src/gen from proto/ (ts-proto through buf; nothing else to install).
proto: install
	npx buf lint
	npx buf generate

clean:
	rm -rf dist .hirelearn .nx
