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

# Every target runs through Nx (targets inferred by tools/nx/inferred-targets.js, cached in
# .nx/): a target whose inputs did not change since its last success is replayed from the cache.
NX_RUN := npx nx run-many --parallel=2 --outputStyle=static

build: install
	$(NX_RUN) -t build

lint: install
	$(NX_RUN) -t lint

typecheck: install
	$(NX_RUN) -t typecheck

# A hang (a test leaving a process or handle open) fails after 30 minutes with a message
# instead of running into CI's 90-minute limit. The e2e project's tests (test/) build the apps
# first (the longest task: 8 min in a fresh clone on 2 cores at load 20).
HANG_GUARD = || { code=$$?; [ $$code -eq 124 ] && echo "make $@ did not finish within 30 minutes: a test left something running" >&2; exit $$code; }

unit: install
	timeout 30m $(NX_RUN) -t test $(HANG_GUARD)

test: install
	timeout 30m $(NX_RUN) -t build lint typecheck test $(HANG_GUARD)

demo: build
	bash tools/demo.sh

# Regenerates libs/proto/src/gen from proto/ (ts-proto through buf; nothing else to install).
proto: install
	npx buf lint
	npx buf generate

clean:
	rm -rf dist .hirelearn .nx
