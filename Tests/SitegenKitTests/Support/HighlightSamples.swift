/// Real-world code blocks of the kinds the guide shows, for the highlighter's tests.
enum HighlightSamples {
    static let deploymentAndService = #"""
        # A web deployment and its service.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          labels:
            app.kubernetes.io/name: web
            app.kubernetes.io/version: "2.4.1"
          annotations:
            sidecar.istio.io/inject: "true"
        spec:
          replicas: 3
          revisionHistoryLimit: 10
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              serviceAccountName: web
              securityContext:
                runAsNonRoot: true
                runAsUser: 10001
              containers:
                - name: web
                  image: registry.example.com/shop/web:2.4.1
                  imagePullPolicy: IfNotPresent
                  args: ["--port=8080", "--log-level=info"]
                  ports:
                    - containerPort: 8080
                      name: http
                  env:
                    - name: DATABASE_URL
                      valueFrom:
                        secretKeyRef: {name: web-db, key: url}
                    - name: GOMAXPROCS
                      value: '2'
                  resources:
                    requests: {cpu: 250m, memory: 256Mi}
                    limits:
                      memory: 512Mi
                  readinessProbe:
                    httpGet:
                      path: /healthz
                      port: http
                    periodSeconds: 5
                  command:
                    - /bin/sh
                    - -c
                    - |
                      echo "starting"   # not a comment: part of the script
                      exec /app/web
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          type: ClusterIP
          selector:
            app: web
          ports:
            - port: 80
              targetPort: http
              protocol: TCP
        """#

    static let virtualService = #"""
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts:
            - reviews.prod.svc.cluster.local
          http:
            - match:
                - headers:
                    end-user:
                      exact: jason
              route:
                - destination:
                    host: reviews
                    subset: v2
            - route:
                - destination:
                    host: reviews
                    subset: v1
                  weight: 90
                - destination:
                    host: reviews
                    subset: v3
                  weight: 10
              retries:
                attempts: 3
                perTryTimeout: 2s
              timeout: 10s
        """#

    static let helmValues = #"""
        # Default values for shop.
        replicaCount: 2
        image:
          repository: registry.example.com/shop/web
          tag: ""   # defaults to the chart's appVersion
          pullPolicy: IfNotPresent
        defaults: &defaults
          cpu: 100m
          memory: 128Mi
        resources:
          requests: *defaults
          limits:
            <<: *defaults
            memory: 256Mi
        ingress:
          enabled: false
          className: nginx
          hosts:
            - host: shop.example.com
              paths: [/, /api]
        autoscaling:
          enabled: yes
          minReplicas: 1
          maxReplicas: 10
          targetCPUUtilizationPercentage: 80.5
        nodeSelector: {}
        tolerations: []
        podAnnotations:
          checksum/config: '{{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}'
        extraEnv: !!map
          LOG_FORMAT: json
        description: >-
          A folded description
          over two lines.
        note: null
        ratio: .5
        """#

    static let shellSession = #"""
        $ kubectl create namespace istio-system
        namespace/istio-system created
        $ istioctl install --set profile=demo -y
        ✔ Istio core installed
        ✔ Istiod installed
        $ kubectl label namespace default istio-injection=enabled --overwrite
        namespace/default labeled
        $ helm upgrade --install shop ./charts/shop \
            --namespace shop --create-namespace \
            --set image.tag="$(git rev-parse --short HEAD)" \
            -f values.yaml
        Release "shop" has been upgraded. Happy Helming!
        $ kubectl get pods -n shop -o jsonpath='{.items[*].metadata.name}' | tr ' ' '\n'
        web-7d9c6b5f4-2kqxz
        $ export KUBECONFIG="${HOME}/.kube/config"  # switch cluster
        $ for ns in shop istio-system; do kubectl get svc -n "$ns"; done
        NAME   TYPE        CLUSTER-IP   PORT(S)
        web    ClusterIP   10.0.12.7    80/TCP
        """#

    static let shellScript = #"""
        #!/usr/bin/env bash
        set -euo pipefail

        NAMESPACE=${1:-shop}
        TIMEOUT=120

        wait_for() {
          local deployment="$1"
          if ! kubectl rollout status "deployment/${deployment}" -n "$NAMESPACE" --timeout="${TIMEOUT}s"; then
            echo "rollout of $deployment failed" >&2
            return 1
          fi
        }

        case "$2" in
          canary|blue)
            kubectl apply -f - <<EOF
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: mode
        data:
          mode: "$2"
        EOF
            ;;
          *)
            echo "usage: $0 NAMESPACE canary|blue" 2>&1
            exit 2
            ;;
        esac

        for d in $(kubectl get deploy -n "$NAMESPACE" -o name); do
          wait_for "${d#deployment.apps/}" && echo "ok: $d"
        done
        """#

    static let dockerfile = #"""
        # syntax=docker/dockerfile:1.7
        ARG GO_VERSION=1.22
        FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS build
        WORKDIR /src
        COPY go.mod go.sum ./
        RUN --mount=type=cache,target=/go/pkg/mod \
            go mod download
        COPY . .
        RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/web ./cmd/web \
            && echo "built"

        FROM gcr.io/distroless/static-debian12:nonroot AS runtime
        LABEL org.opencontainers.image.source="https://github.com/example/shop" \
              maintainer="platform@example.com"
        ENV PORT=8080 \
            GIN_MODE=release
        COPY --from=build --chown=nonroot:nonroot /out/web /usr/local/bin/web
        EXPOSE 8080/tcp
        USER nonroot
        HEALTHCHECK --interval=30s --timeout=3s CMD ["/usr/local/bin/web", "-healthcheck"]
        ENTRYPOINT ["/usr/local/bin/web"]
        CMD ["--port", "8080"]
        """#

    static let terraform = #"""
        terraform {
          required_version = ">= 1.5"
          required_providers {
            google = {
              source  = "hashicorp/google"
              version = "~> 5.0"
            }
          }
        }

        variable "region" {
          type        = string
          description = "Region for the cluster"
          default     = "europe-west1"
        }

        variable "node_pools" {
          type = map(object({
            machine_type = string
            min_count    = number
          }))
        }

        /* The cluster itself. */
        resource "google_container_cluster" "primary" {
          name     = "${var.project}-gke"
          location = var.region
          remove_default_node_pool = true
          initial_node_count       = 1

          release_channel {
            channel = "REGULAR"
          }

          workload_identity_config {
            workload_pool = "${var.project}.svc.id.goog"
          }
        }

        resource "google_container_node_pool" "pools" {
          for_each = var.node_pools
          name     = each.key
          cluster  = google_container_cluster.primary.id
          autoscaling {
            min_node_count = each.value.min_count
            max_node_count = max(each.value.min_count, 3)
          }
          node_config {
            machine_type = each.value.machine_type
            oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
            labels = { pool = each.key, managed = "true" }
          }
        }

        locals {
          startup = <<-EOT
            #!/bin/bash
            echo "cluster ${google_container_cluster.primary.name}"
          EOT
          zones = [for z in data.google_compute_zones.available.names : z if z != "x"]
        }

        output "endpoint" {
          value     = google_container_cluster.primary.endpoint
          sensitive = true # keep it out of logs
        }
        """#

    static let goHandler = #"""
        package main

        import (
        	"encoding/json"
        	"log"
        	"net/http"
        	"time"
        )

        // Health reports whether the service is ready.
        type Health struct {
        	Status  string        `json:"status"`
        	Uptime  time.Duration `json:"uptime"`
        	Checked int64         `json:"checked"`
        }

        type server struct{ started time.Time }

        func (s *server) health(w http.ResponseWriter, r *http.Request) {
        	if r.Method != http.MethodGet {
        		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
        		return
        	}
        	w.Header().Set("Content-Type", "application/json")
        	_ = json.NewEncoder(w).Encode(Health{Status: "ok", Uptime: time.Since(s.started), Checked: 0x1F})
        }

        /* main starts the server
           on port 8080. */
        func main() {
        	s := &server{started: time.Now()}
        	mux := http.NewServeMux()
        	mux.HandleFunc("/healthz", s.health)
        	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
        		w.Write([]byte{'o', 'k', '\n'})
        	})
        	var ratio float64 = 1.5e3
        	log.Printf("listening, ratio=%v, nil=%v", ratio, nil == nil)
        	log.Fatal(http.ListenAndServe(":8080", mux))
        }
        """#

    static let jsonPolicy = #"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AllowReadOnly",
              "Effect": "Allow",
              "Action": ["s3:GetObject", "s3:ListBucket"],
              "Resource": [
                "arn:aws:s3:::shop-assets",
                "arn:aws:s3:::shop-assets/*"
              ],
              "Condition": {
                "Bool": {"aws:SecureTransport": true},
                "NumericLessThanEquals": {"s3:max-keys": 1000},
                "Null": {"aws:TokenIssueTime": null}
              }
            }
          ],
          "Escaped": "a \"quoted\" <value> & more",
          "Ratio": -1.5e-3
        }
        """#

    /// Every sample with the language its fence would name.
    static let all: [(language: String, code: String)] = [
        ("yaml", deploymentAndService), ("yaml", virtualService), ("yaml", helmValues), ("console", shellSession),
        ("bash", shellScript), ("dockerfile", dockerfile), ("terraform", terraform), ("go", goHandler), ("json", jsonPolicy),
    ]
}
