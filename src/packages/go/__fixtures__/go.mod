module github.com/acme/gateway

go 1.22

toolchain go1.22.3

require (
	github.com/gin-gonic/gin v1.9.1
	golang.org/x/net v0.24.0 // indirect
	gopkg.in/yaml.v3 v3.0.1
	github.com/acme/shared v0.0.0-20240301120000-abcdef012345
	github.com/old/lib v2.0.0+incompatible // indirect
)

require github.com/single/line v1.0.0

replace github.com/acme/shared => ../shared

replace golang.org/x/net v0.24.0 => github.com/acme/net-fork v0.24.1

exclude github.com/bad/one v1.0.0

retract v0.9.0
