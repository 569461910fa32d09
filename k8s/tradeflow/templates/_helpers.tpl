{{/*
Prefix of every resource name: the release name when it already contains the chart name, else "<release>-tradeflow".
*/}}
{{- define "tradeflow.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels on every resource. */}}
{{- define "tradeflow.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: tradeflow
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
The services, in a fixed order, as a list of dicts {key, svc}. Usage: include "tradeflow.serviceKeys" . | fromJsonArray
*/}}
{{- define "tradeflow.serviceKeys" -}}
{{- $keys := list -}}
{{- range $key := list "pricing" "inventory" "orchestrator" "gateway" -}}
{{- $svc := index $.Values.services $key -}}
{{- if and $svc $svc.enabled -}}
{{- $keys = append $keys $key -}}
{{- end -}}
{{- end -}}
{{- toJson $keys -}}
{{- end -}}

{{/* Name of a service's resources. ctx: dict root, svc */}}
{{- define "tradeflow.svcFullname" -}}
{{- printf "%s-%s" (include "tradeflow.fullname" .root) .svc.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a service's pods. ctx: dict root, svc */}}
{{- define "tradeflow.selectorLabels" -}}
app.kubernetes.io/name: {{ .svc.name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* All labels of a service's resources. ctx: dict root, svc */}}
{{- define "tradeflow.svcLabels" -}}
{{ include "tradeflow.labels" .root }}
app.kubernetes.io/name: {{ .svc.name }}
app.kubernetes.io/component: {{ .svc.name }}
{{- end -}}

{{/* jvm or native for a service. ctx: dict root, svc */}}
{{- define "tradeflow.variant" -}}
{{- $v := default .root.Values.image.variant .svc.image.variant -}}
{{- if not (has $v (list "jvm" "native")) -}}
{{- fail (printf "services.*.image.variant / image.variant must be jvm or native, got %q" $v) -}}
{{- end -}}
{{- $v -}}
{{- end -}}

{{/* Full image reference of a service. ctx: dict root, svc */}}
{{- define "tradeflow.image" -}}
{{- $tag := default (default .root.Chart.AppVersion .root.Values.image.tag) .svc.image.tag -}}
{{- if eq (include "tradeflow.variant" .) "native" -}}
{{- $tag = printf "%s%s" $tag .root.Values.image.nativeTagSuffix -}}
{{- end -}}
{{- printf "%s:%s" .svc.image.repository $tag -}}
{{- end -}}

{{/* Resources of a service for its variant. ctx: dict root, svc */}}
{{- define "tradeflow.resources" -}}
{{- $variant := include "tradeflow.variant" . -}}
{{- $own := dict -}}
{{- if .svc.resources -}}{{- $own = index .svc.resources $variant | default dict -}}{{- end -}}
{{- $res := $own | default (index .root.Values.resources $variant) -}}
{{- toYaml $res -}}
{{- end -}}

{{/* The OTLP endpoint the services export to. */}}
{{- define "tradeflow.otlpEndpoint" -}}
{{- if .Values.otel.endpoint -}}
{{- .Values.otel.endpoint -}}
{{- else if .Values.jaeger.enabled -}}
{{- printf "http://%s-jaeger:4317" (include "tradeflow.fullname" .) -}}
{{- else -}}
{{- .Values.otel.defaultEndpoint -}}
{{- end -}}
{{- end -}}

{{/* Where the JWT verification key comes from: jwks, secret, configmap, inline or none. */}}
{{- define "tradeflow.jwtSource" -}}
{{- $n := 0 -}}
{{- $src := "none" -}}
{{- if .Values.jwt.jwksUrl }}{{ $n = add1 $n }}{{ $src = "jwks" }}{{ end -}}
{{- if .Values.jwt.publicKey.existingSecret }}{{ $n = add1 $n }}{{ $src = "secret" }}{{ end -}}
{{- if .Values.jwt.publicKey.existingConfigMap }}{{ $n = add1 $n }}{{ $src = "configmap" }}{{ end -}}
{{- if .Values.jwt.publicKey.pem }}{{ $n = add1 $n }}{{ $src = "inline" }}{{ end -}}
{{- if gt $n 1 -}}
{{- fail "set only one of jwt.jwksUrl, jwt.publicKey.existingSecret, jwt.publicKey.existingConfigMap, jwt.publicKey.pem" -}}
{{- end -}}
{{- $src -}}
{{- end -}}

{{/* Name of the Secret holding the service token, empty when there is none. */}}
{{- define "tradeflow.serviceTokenSecret" -}}
{{- if .Values.serviceToken.existingSecret -}}
{{- .Values.serviceToken.existingSecret -}}
{{- else if .Values.serviceToken.value -}}
{{- printf "%s-service-token" (include "tradeflow.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "tradeflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tradeflow.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Does the Kafka security protocol use TLS / SASL? */}}
{{- define "tradeflow.kafkaTls" -}}
{{- if has .Values.kafka.security.protocol (list "SSL" "SASL_SSL") }}true{{ end -}}
{{- end -}}
{{- define "tradeflow.kafkaSasl" -}}
{{- if has .Values.kafka.security.protocol (list "SASL_PLAINTEXT" "SASL_SSL") }}true{{ end -}}
{{- end -}}
