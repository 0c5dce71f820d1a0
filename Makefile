# The two commands of the README, plus a few conveniences.
.PHONY: run test build format

run:
	scripts/run.sh $(ARGS)

test:
	scripts/test.sh

build:
	swift build

format:
	swift format format --in-place --recursive Sources Tests Package.swift Plugins
