# syntax=docker/dockerfile:1
# Microneedling fact-check bot: the ASP.NET Core host (src/Microneedling.Bot) in a small runtime image.
#
#   docker build -t microneedling-bot .
#   docker run --rm -p 8080:8080 -v microneedling-data:/data \
#     -e MicrosoftAppType=SingleTenant -e MicrosoftAppId=... -e MicrosoftAppPassword=... -e MicrosoftAppTenantId=... \
#     -e DirectLine__Secret=... microneedling-bot
#
# Probes for the orchestrator (the runtime image has no curl, so there is no HEALTHCHECK here):
#   liveness  GET /healthz   the process is up
#   readiness GET /readyz    the claim set is loaded
# See docs/deployment.md.

ARG DOTNET_VERSION=10.0

# ---- build: .NET SDK + node/npm (the Bot project's build installs the Web Chat bundle from npm) ----
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Web Chat's npm packages first, in their own layer: rebuilt only when the lock file changes. The
# project's WebChatNpmCi target then finds node_modules up to date and only copies the bundle.
COPY src/Microneedling.Bot/webchat/package.json src/Microneedling.Bot/webchat/package-lock.json src/Microneedling.Bot/webchat/
RUN --mount=type=cache,target=/root/.npm \
    cd src/Microneedling.Bot/webchat && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
# .dockerignore keeps bin/, obj/, node_modules/, wwwroot/lib/ and test output out of the context,
# so this copy cannot overwrite the packages installed above.
COPY . .
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/Microneedling.Bot/Microneedling.Bot.csproj \
      --configuration Release \
      --output /app/publish \
      -p:UseAppHost=false
# The int8 sentence model and the content's vectors, made once here and shipped in the image
# (App_Data/cache under /app): a new container loads in about 2 s instead of about 8.
RUN cd /app/publish && dotnet Microneedling.Bot.dll --prepare

# ---- runtime: ASP.NET Core only, non-root ----
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
# The SQLite store lives on a volume the non-root app user can write.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
WORKDIR /app
COPY --from=build /app/publish .
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    Storage__Path=/data
EXPOSE 8080
# APP_UID is the image's predefined non-root "app" user.
USER $APP_UID
ENTRYPOINT ["dotnet", "Microneedling.Bot.dll"]
