// A generator of raw testimony-like files for the ingest benchmark.
//
// WriteCorpus() fills a folder with plain-text, Markdown and HTML documents
// about invented people: titles, datelines and bylines, paragraphs of
// sentences about births, jobs, border crossings, arrests, repatriations and
// resettlement, with Korean names in several romanizations, places along the
// escape routes, and dates written in many ways, plus the page furniture
// (newsletter and donation lines) that real pages carry. Deterministic for a
// given seed. Header-only; used by bench/ingest_bench.cc.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>
#include "splitmix.h"

namespace cairn::bench {

struct CorpusStats {
  size_t files = 0;
  uint64_t bytes = 0;
};

namespace ingest_corpus_detail {

using Rng = ::cairn::bench::SplitMix;

inline const std::vector<std::string> kSurnames = {
    "Kim", "Gim", "Lee", "Ri", "Yi", "Park", "Pak", "Choi", "Choe", "Jung", "Jeong", "Chong",
    "Kang", "Cho", "Jo", "Yoon", "Yun", "Jang", "Chang", "Han", "Oh", "O", "Seo", "So", "Shin",
    "Sin", "Kwon", "Hwang", "Ahn", "An", "Song", "Ryu", "Yu", "Hong", "Jeon", "Chon", "Ko"};
inline const std::vector<std::string> kGiven = {
    "Sun-hui", "Soon-hee", "Kwang-chol", "Gwang-cheol", "Myong-ok", "Myung-ok", "Yong-ho",
    "Young-ho", "Chol-su", "Cheol-su", "Ok-sil", "Eun-byeol", "Song-il", "Seong-il", "Hye-won",
    "Mi-ran", "Su-yeon", "Soo-yeon", "Il-nam", "Kyong-hui", "Gyeong-hui", "Chun-hwa", "Min-ji",
    "Dong-hyuk", "Tong-hyok", "Ji-hye", "Hyon-u", "Hyeon-u", "Yong-nam", "Bok-sun"};
inline const std::vector<std::string> kHomePlaces = {
    "Hyesan", "Musan", "Hoeryong", "Onsong", "Chongjin", "Kimchaek", "Sinuiju", "Hamhung",
    "Kaechon", "Wonsan", "Pyongyang", "Tanchon", "Kilju", "Yonsa"};
inline const std::vector<std::string> kChinaPlaces = {
    "Yanji", "Tumen City", "Shenyang", "Dandong", "Changbai", "Helong", "Longjing", "Harbin",
    "Qingdao", "Kunming", "Beijing", "Mudanjiang"};
inline const std::vector<std::string> kTransit = {"Laos", "Vietnam", "Thailand", "Mongolia",
                                                   "Cambodia", "Bangkok", "Vientiane"};
inline const std::vector<std::string> kRivers = {"Tumen River", "Yalu River", "Mekong"};
inline const std::vector<std::string> kMonths = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"};
inline const std::vector<std::string> kJobs = {
    "a miner", "a nurse", "a teacher", "a railway clerk", "a soldier", "a market trader",
    "a factory worker", "an engineer", "a driver", "a farm worker"};

// Fills {P} person, {G} given name, {H} home, {C} China place, {T} transit,
// {R} river, {Y} year, {D} a dated expression, {A} age, {J} job.
inline std::string Fill(const std::string& t, Rng& r, const std::string& person,
                        const std::string& given, const std::string& home, int year) {
  std::string out;
  out.reserve(t.size() + 32);
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{' || i + 2 >= t.size() || t[i + 2] != '}') {
      out += t[i];
      continue;
    }
    char k = t[i + 1];
    i += 2;
    int y = year + static_cast<int>(r.Below(12));
    switch (k) {
      case 'P': out += person; break;
      case 'G': out += given; break;
      case 'H': out += home; break;
      case 'C': out += r.Pick(kChinaPlaces); break;
      case 'T': out += r.Pick(kTransit); break;
      case 'R': out += r.Pick(kRivers); break;
      case 'Y': out += std::to_string(y); break;
      case 'A': out += std::to_string(15 + r.Below(50)); break;
      case 'J': out += r.Pick(kJobs); break;
      case 'D':
        switch (r.Below(5)) {
          case 0: out += "in " + r.Pick(kMonths) + " " + std::to_string(y); break;
          case 1: out += "on " + r.Pick(kMonths) + " " + std::to_string(1 + r.Below(28)) + ", " + std::to_string(y); break;
          case 2: out += "in the spring of " + std::to_string(y); break;
          case 3: out += "a year later"; break;
          default: out += "in " + std::to_string(y); break;
        }
        break;
      default: out += t.substr(i - 2, 3);
    }
  }
  return out;
}

inline const std::vector<std::string> kSentences = {
    "{P} was born in {H} in {Y}.",
    "{G} grew up in {H}, where {P}'s father worked as {J}.",
    "At the age of {A}, {G} started work as {J} in {H}.",
    "{D}, {G} crossed the {R} into China at night.",
    "After the crossing, {G} hid for months with relatives near {C}.",
    "{G} was arrested by Chinese police in {C} {D}.",
    "Weeks later {G} was repatriated to North Korea and held in a detention centre in {H}.",
    "According to a cousin, {G} was questioned for eleven days by the security police.",
    "{D}, a broker took {G} by bus from {C} to the border with {T}.",
    "{G} reached Bangkok {D} and was held at the immigration centre for a month.",
    "{P} arrived in Seoul {D}, aged {A}, and spent three months at Hanawon.",
    "Today {G} lives in Incheon and works as {J}.",
    "\"We walked for two nights without food,\" {G} said.",
    "{G}'s mother stayed behind in {H}; the family has not heard from her since {Y}.",
    "Reports say that {P} married a man from {C} in {Y}, although the marriage was never registered.",
    "The route through {T} took nineteen days, {G} recalled.",
    "{P}, who is {A}, asked that the name of the village be withheld.",
    "In {Y}, {G} was sentenced to two years in a labour camp for illegal border crossing.",
};

inline const std::vector<std::string> kFurniture = {
    "Sign up to our newsletter",
    "Your donation of $50 covers a week of shelter on the route. Donate now",
    "Share this post: Facebook | Twitter | Email",
    "All rights reserved.",
    "Leave a Reply",
};

inline std::string Paragraph(Rng& r, const std::string& person, const std::string& given,
                             const std::string& home, int year) {
  std::string p;
  size_t n = 2 + r.Below(5);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) p += ' ';
    p += Fill(r.Pick(kSentences), r, person, given, home, year);
  }
  return p;
}

}  // namespace ingest_corpus_detail

// Writes files into `dir` until at least `min_bytes` are written.
inline CorpusStats WriteCorpus(const std::filesystem::path& dir, uint64_t min_bytes,
                               uint64_t seed = 7) {
  using namespace ingest_corpus_detail;
  std::filesystem::create_directories(dir);
  Rng r{seed};
  CorpusStats stats;
  while (stats.bytes < min_bytes) {
    std::string surname = r.Pick(kSurnames);
    std::string given = r.Pick(kGiven);
    std::string person = surname + " " + given;
    std::string home = r.Pick(kHomePlaces);
    int year = 1950 + static_cast<int>(r.Below(55));
    std::string title = "The Story of " + person;
    std::string date = kMonths[r.Below(12)] + " " + std::to_string(1 + r.Below(28)) + ", " +
                       std::to_string(2005 + r.Below(18));
    size_t paragraphs = 4 + r.Below(40);
    size_t kind = r.Below(10);
    std::string body;
    std::string ext;
    if (kind < 6) {  // plain text: news or biography
      ext = ".txt";
      body = title + "\n\nBy " + r.Pick(kSurnames) + " " + r.Pick(kGiven) + "\n\nSEOUL, " + date +
             " — ";
      for (size_t i = 0; i < paragraphs; ++i) body += Paragraph(r, person, given, home, year) + "\n\n";
    } else if (kind < 8) {  // Markdown blog post with furniture
      ext = ".md";
      body = "# " + title + "\n\n*Posted on " + date + "*\n\n";
      for (size_t i = 0; i < paragraphs; ++i) {
        if (i % 7 == 6) body += "## Part " + std::to_string(i / 7 + 1) + "\n\n";
        body += Paragraph(r, person, given, home, year) + "\n\n";
      }
      body += "---\n\n";
      for (const auto& f : kFurniture) body += f + "\n\n";
    } else {  // HTML page
      ext = ".html";
      body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
             "</title></head>\n<body><nav><a href=\"/\">Home</a> <a href=\"/donate\">Donate</a></nav>\n"
             "<article><h1>" + title + "</h1><p class=\"date\">" + date + "</p>\n";
      for (size_t i = 0; i < paragraphs; ++i) {
        body += "<p>" + Paragraph(r, person, given, home, year) + "</p>\n";
      }
      body += "</article><footer><p>Sign up to our newsletter</p><p>&copy; All rights "
              "reserved.</p></footer></body></html>\n";
    }
    char name[32];
    std::snprintf(name, sizeof name, "doc_%06zu", stats.files);
    std::ofstream(dir / (name + ext), std::ios::binary) << body;
    stats.bytes += body.size();
    ++stats.files;
  }
  return stats;
}

}  // namespace cairn::bench
