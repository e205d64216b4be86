# Outcry — two commands on a fresh Debian machine with the Swift toolchain: `make demo`, `make test`.
SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev libpq-dev zlib1g-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test fuzz bench clean demo-data

## Install the Debian packages the build links against, when any is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "make: installing$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release

## Replay the bundled March 2018 incident through the whole pipeline (live view on a terminal,
## printed alerts and timeline otherwise). Leaves ./outcry.db for other commands.
demo: build
	./.build/release/outcry demo $(DEMO_ARGS)

test: deps
	@for tool in python3 openssl tmux; do command -v $$tool >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$tool >/dev/null; }; done
	@# The email tests run a real SMTP server (aiosmtpd): Debian's package, or pip when python3 is not Debian's.
	@python3 -c 'import aiosmtpd' 2>/dev/null || /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || \
		{ DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-aiosmtpd >/dev/null 2>&1 || python3 -m pip install -q --break-system-packages aiosmtpd; }
	@# The store tests run against a real PostgreSQL server too, started on loopback for the run.
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; }
	$(SWIFT) build --build-tests
	scripts/with-postgres.sh $(SWIFT) test --skip-build

## Fuzz every parser for FUZZ_SECONDS each (libFuzzer + AddressSanitizer), seeded with the fixtures.
FUZZ_SECONDS ?= 30
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

## Benchmarks (results and their machine go to docs/BENCHMARKS.md by hand, with the command).
bench: deps
	@command -v xmllint >/dev/null || $(SUDO) apt-get install -y -qq libxml2-utils >/dev/null
	@python3 -c "import feedparser" 2>/dev/null || pip install -q feedparser 2>/dev/null || pip install -q --break-system-packages feedparser
	@python3 -c "import ahocorasick" 2>/dev/null || pip install -q pyahocorasick 2>/dev/null || pip install -q --break-system-packages pyahocorasick
	@command -v tmux >/dev/null || $(SUDO) apt-get install -y -qq tmux >/dev/null
	@[ -f /usr/include/hs/hs.h ] || [ "$$(dpkg --print-architecture)" != amd64 ] || $(SUDO) apt-get install -y -qq libhyperscan-dev >/dev/null
	@python3 -c "import opencc" 2>/dev/null || pip install -q opencc 2>/dev/null || pip install -q --break-system-packages opencc
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || $(SUDO) apt-get install -y -qq postgresql >/dev/null
	scripts/bench.sh

## Regenerate feeds/demo/ (deterministic; see the script's header).
demo-data:
	python3 scripts/gen-demo-incident.py

clean:
	rm -rf .build .build-fuzz outcry.db outcry.db-shm outcry.db-wal outcry.db-run.lock outcry-alerts.jsonl
