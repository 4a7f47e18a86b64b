// Realistic Chinese personal names (surname + given name) with their pinyin, and Chinese numerals
// for team names. Surnames are drawn by rough frequency: the common ones come up most often.
#include "sim_model.h"

namespace cb::sim {
namespace {

struct Syllables {
    const char* zh;
    const char* pinyin;
};

// The most common surnames, most frequent first.
constexpr Syllables kSurnames[] = {
    {"王", "Wang"}, {"李", "Li"}, {"张", "Zhang"}, {"刘", "Liu"}, {"陈", "Chen"},
    {"杨", "Yang"}, {"黄", "Huang"}, {"赵", "Zhao"}, {"吴", "Wu"}, {"周", "Zhou"},
    {"徐", "Xu"}, {"孙", "Sun"}, {"马", "Ma"}, {"朱", "Zhu"}, {"胡", "Hu"},
    {"郭", "Guo"}, {"何", "He"}, {"高", "Gao"}, {"林", "Lin"}, {"罗", "Luo"},
    {"郑", "Zheng"}, {"梁", "Liang"}, {"谢", "Xie"}, {"宋", "Song"}, {"唐", "Tang"},
    {"许", "Xu"}, {"韩", "Han"}, {"冯", "Feng"}, {"邓", "Deng"}, {"曹", "Cao"},
    {"彭", "Peng"}, {"曾", "Zeng"}, {"肖", "Xiao"}, {"田", "Tian"}, {"董", "Dong"},
    {"袁", "Yuan"}, {"潘", "Pan"}, {"于", "Yu"}, {"蒋", "Jiang"}, {"蔡", "Cai"},
    {"余", "Yu"}, {"杜", "Du"}, {"叶", "Ye"}, {"程", "Cheng"}, {"苏", "Su"},
    {"魏", "Wei"}, {"吕", "Lü"}, {"丁", "Ding"}, {"任", "Ren"}, {"沈", "Shen"},
    {"姚", "Yao"}, {"卢", "Lu"}, {"姜", "Jiang"}, {"崔", "Cui"}, {"钟", "Zhong"},
    {"谭", "Tan"}, {"陆", "Lu"}, {"汪", "Wang"}, {"范", "Fan"}, {"金", "Jin"},
    {"石", "Shi"}, {"廖", "Liao"}, {"贾", "Jia"}, {"夏", "Xia"}, {"韦", "Wei"},
    {"方", "Fang"}, {"白", "Bai"}, {"邹", "Zou"}, {"孟", "Meng"}, {"熊", "Xiong"},
    {"秦", "Qin"}, {"邱", "Qiu"}, {"江", "Jiang"}, {"尹", "Yin"}, {"薛", "Xue"},
    {"段", "Duan"}, {"雷", "Lei"}, {"侯", "Hou"}, {"龙", "Long"}, {"史", "Shi"},
};

// Common given names, one or two characters.
constexpr Syllables kGivenNames[] = {
    {"伟", "Wei"}, {"芳", "Fang"}, {"娜", "Na"}, {"敏", "Min"}, {"静", "Jing"},
    {"丽", "Li"}, {"强", "Qiang"}, {"磊", "Lei"}, {"军", "Jun"}, {"洋", "Yang"},
    {"勇", "Yong"}, {"艳", "Yan"}, {"杰", "Jie"}, {"娟", "Juan"}, {"涛", "Tao"},
    {"明", "Ming"}, {"超", "Chao"}, {"霞", "Xia"}, {"平", "Ping"}, {"刚", "Gang"},
    {"华", "Hua"}, {"玲", "Ling"}, {"婷", "Ting"}, {"鹏", "Peng"}, {"浩", "Hao"},
    {"宇", "Yu"}, {"欣", "Xin"}, {"晨", "Chen"}, {"雪", "Xue"}, {"琳", "Lin"},
    {"佳", "Jia"}, {"倩", "Qian"}, {"辉", "Hui"}, {"丹", "Dan"}, {"萍", "Ping"},
    {"斌", "Bin"}, {"慧", "Hui"}, {"颖", "Ying"}, {"凯", "Kai"}, {"莉", "Li"},
    {"秀英", "Xiuying"}, {"桂英", "Guiying"}, {"建华", "Jianhua"}, {"志强", "Zhiqiang"},
    {"海燕", "Haiyan"}, {"晓明", "Xiaoming"}, {"文博", "Wenbo"}, {"子涵", "Zihan"},
    {"梓萱", "Zixuan"}, {"思远", "Siyuan"}, {"雨欣", "Yuxin"}, {"俊杰", "Junjie"},
    {"嘉怡", "Jiayi"}, {"欣怡", "Xinyi"}, {"浩然", "Haoran"}, {"一鸣", "Yiming"},
    {"佳琪", "Jiaqi"}, {"晓燕", "Xiaoyan"}, {"红梅", "Hongmei"}, {"建国", "Jianguo"},
    {"丽娟", "Lijuan"}, {"春燕", "Chunyan"}, {"志明", "Zhiming"}, {"雅婷", "Yating"},
    {"文静", "Wenjing"}, {"晓东", "Xiaodong"}, {"国强", "Guoqiang"}, {"美玲", "Meiling"},
    {"子轩", "Zixuan"}, {"宇航", "Yuhang"}, {"婉清", "Wanqing"}, {"振华", "Zhenhua"},
    {"丽华", "Lihua"}, {"海峰", "Haifeng"}, {"晓丽", "Xiaoli"}, {"立新", "Lixin"},
};

constexpr uint64_t kSurnameCount = sizeof(kSurnames) / sizeof(kSurnames[0]);
constexpr uint64_t kGivenCount = sizeof(kGivenNames) / sizeof(kGivenNames[0]);

}  // namespace

PersonName MakeName(Rng& rng) {
    // Frequency-like weighting: the minimum of two uniform picks favours the front of the list.
    const uint64_t a = rng.Below(kSurnameCount);
    const uint64_t b = rng.Below(kSurnameCount);
    const Syllables& surname = kSurnames[a < b ? a : b];
    const Syllables& given = kGivenNames[rng.Below(kGivenCount)];
    PersonName name;
    name.zh = std::string(surname.zh) + given.zh;
    name.en = std::string(surname.pinyin) + " " + given.pinyin;
    return name;
}

std::string ChineseNumber(int n) {
    static const char* const kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n > 999) return std::to_string(n);
    std::string out;
    const int hundreds = n / 100;
    const int tens = (n / 10) % 10;
    const int ones = n % 10;
    if (hundreds > 0) {
        out += kDigits[hundreds];
        out += "百";
        if (tens == 0 && ones != 0) out += "零";
    }
    if (tens > 0) {
        if (!(tens == 1 && hundreds == 0)) out += kDigits[tens];  // 12 -> 十二, 112 -> 一百一十二
        out += "十";
    }
    if (ones > 0) out += kDigits[ones];
    return out;
}

}  // namespace cb::sim
