#include "server.hpp"

#include <chrono>

#include "dashboard.hpp"
#include "stats_csv.hpp"

namespace collector {

void serve(httplib::Server& server, Collector& collector, RateLimiter& limiter) {
  const CollectorOptions& options = collector.options();
  // A GuardedServer takes these two as its body and keep-alive limits too.
  server.set_payload_max_length(options.max_body_bytes);
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);  // answers are small: do not let Nagle hold them back on keep-alive connections
  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (const std::int64_t wait = limiter.retry_after(req.remote_addr, std::chrono::steady_clock::now()); wait > 0) {
      res.status = 429;
      res.set_header("Retry-After", std::to_string(wait));
      res.set_content("too many requests from this address\n", "text/plain");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.Post("/v1/reports", [&](const httplib::Request& req, httplib::Response& res) {
    const Reply reply = collector.ingest(req.body, wall_clock_ms());
    res.status = reply.status;
    res.set_content(reply.body, reply.content_type.c_str());
  });
  server.Get("/v1/config", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(collector.signed_config(), "application/octet-stream");
  });
  // Both views of the statistics; storage trouble is a 500 that says why.
  const auto show_stats = [&collector](const char* content_type, auto render) {
    return [&collector, content_type, render](const httplib::Request&, httplib::Response& res) {
      auto stats = collector.stats();
      if (!stats) {
        res.status = 500;
        res.set_content(stats.status().message() + "\n", "text/plain");
        return;
      }
      res.set_content(render(stats.value()), content_type);
    };
  };
  server.Get("/v1/stats", show_stats("application/json", [](const Stats& stats) { return stats_to_json(stats); }));
  // The same figures as a spreadsheet reads them (stats_csv.hpp).
  server.Get("/v1/stats.csv", [&collector](const httplib::Request&, httplib::Response& res) {
    auto stats = collector.stats();
    if (!stats) {
      res.status = 500;
      res.set_content(stats.status().message() + "\n", "text/plain");
      return;
    }
    res.set_header("Content-Disposition", "attachment; filename=\"confidant-stats.csv\"");
    res.set_content(stats_to_csv(stats.value(), collector.config()), "text/csv; charset=utf-8; header=present");
  });
  server.Get("/", show_stats("text/html; charset=utf-8", [&collector](const Stats& stats) {
               return render_dashboard(stats, collector.config());
             }));
  // Any other failure (a handler threw): a 500, never a crash.
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content("internal error\n", "text/plain");
  });

}

}  // namespace collector
