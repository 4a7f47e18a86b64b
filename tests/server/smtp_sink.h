// A minimal SMTP server on loopback for the mail tests (scheduled reports, alerts): it speaks
// EHLO, AUTH PLAIN, MAIL, RCPT, DATA and QUIT and records what each client sent.
#pragma once
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cbtest {

// A minimal SMTP server on 127.0.0.1: accepts connections one after another and records what
// each client sent.
class SmtpSink {
public:
    SmtpSink() {
        m_fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        socklen_t len = sizeof a;
        getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        REQUIRE(listen(m_fd, 4) == 0);
        m_thread = std::thread([this] { Serve(); });
    }
    ~SmtpSink() {
        m_stop = true;
        shutdown(m_fd, SHUT_RDWR);
        close(m_fd);
        m_thread.join();
    }
    int port() const { return m_port; }
    // The next n connections are refused with "421" after the greeting's place (a busy relay).
    void Refuse(int n) { m_refuse = n; }
    struct Mail {
        std::vector<std::string> commands;  // every command line, in order
        std::string data;                   // the message between DATA and "."
    };
    std::vector<Mail> mails() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_mails;
    }

private:
    void Serve() {
        while (!m_stop) {
            const int c = accept(m_fd, nullptr, nullptr);
            if (c < 0) return;
            Mail mail;
            std::string buffer;
            auto send_line = [c](const std::string& s) { (void)!write(c, s.data(), s.size()); };
            auto read_line = [&](std::string* line) {
                while (true) {
                    const size_t eol = buffer.find("\r\n");
                    if (eol != std::string::npos) {
                        *line = buffer.substr(0, eol);
                        buffer.erase(0, eol + 2);
                        return true;
                    }
                    char chunk[4096];
                    const ssize_t n = read(c, chunk, sizeof chunk);
                    if (n <= 0) return false;
                    buffer.append(chunk, static_cast<size_t>(n));
                }
            };
            if (m_refuse > 0) {
                --m_refuse;
                send_line("421 4.3.2 sink.test busy, try again later\r\n");
                close(c);
                continue;
            }
            send_line("220 sink.test ESMTP\r\n");
            std::string line;
            while (read_line(&line)) {
                mail.commands.push_back(line);
                const std::string verb = line.substr(0, 4);
                if (verb == "EHLO") send_line("250-sink.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
                else if (verb == "HELO") send_line("250 sink.test\r\n");
                else if (line == "AUTH PLAIN") {
                    send_line("334 \r\n");
                    if (!read_line(&line)) break;
                    mail.commands.push_back("(credentials) " + line);
                    send_line("235 2.7.0 accepted\r\n");
                } else if (line.rfind("AUTH PLAIN ", 0) == 0) send_line("235 2.7.0 accepted\r\n");
                else if (verb == "MAIL" || verb == "RCPT") send_line("250 2.1.0 ok\r\n");
                else if (verb == "DATA") {
                    send_line("354 go ahead\r\n");
                    while (read_line(&line) && line != ".") mail.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
                    send_line("250 2.0.0 queued\r\n");
                } else if (verb == "QUIT") {
                    send_line("221 bye\r\n");
                    break;
                } else send_line("250 ok\r\n");
            }
            close(c);
            std::lock_guard<std::mutex> lock(m_mutex);
            m_mails.push_back(std::move(mail));
        }
    }
    int m_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_refuse{0};
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<Mail> m_mails;
};

}  // namespace cbtest
