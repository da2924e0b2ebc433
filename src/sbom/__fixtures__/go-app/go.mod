module example.com/go-app

go 1.21.5

require (
	github.com/gin-gonic/gin v1.9.1
	golang.org/x/text v0.14.0 // indirect
)

require github.com/pkg/errors v0.9.1
